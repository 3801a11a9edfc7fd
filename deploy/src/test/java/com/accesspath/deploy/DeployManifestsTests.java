package com.accesspath.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

class DeployManifestsTests {

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everyOverlayRendersAndKeepsTheInvariants(String overlay) throws Exception {
		List<HasMetadata> resources = Manifests.overlay(overlay);
		assertThat(resources).hasSizeGreaterThan(25);
		assertThat(ManifestChecks.violations(resources)).isEmpty();
	}

	@Test
	void theOverlaysAreRenderedNotConcatenated() throws Exception {
		// Only kustomize applies the overlay's namespace, image names and patches: the
		// raw files carry none of them.
		List<HasMetadata> production = Manifests.overlay("production");
		assertThat(production)
			.allSatisfy(resource -> assertThat(resource.getMetadata().getNamespace()).isEqualTo("accesspath"));
		Deployment gateway = deployment(production, "gateway");
		assertThat(gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
			.isEqualTo("registry.accesspath.cn/accesspath/gateway:0.1.0");
		List<HasMetadata> local = Manifests.overlay("local");
		assertThat(ManifestChecks.of(local, Deployment.class)).allSatisfy(
				deployment -> assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
					.anySatisfy(env -> assertThat(env.getName()).isEqualTo("SPRING_PROFILES_ACTIVE")));
	}

	@Test
	void brokenInvariantsAreReported() throws Exception {
		List<HasMetadata> resources = Manifests.overlay("production");
		Deployment ranking = deployment(resources, "ranking-service");
		var container = ranking.getSpec().getTemplate().getSpec().getContainers().get(0);
		container.setReadinessProbe(null);
		container.setImage("accesspath/ranking-service:latest");
		container.getPorts().get(0).setContainerPort(9999);
		container.getSecurityContext().setReadOnlyRootFilesystem(false);
		ranking.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(false);
		container.setAdditionalProperty("livenesProbe", Map.of());
		container.getPorts().get(0).setName("web");
		assertThat(ManifestChecks.violations(resources)).contains(
				"Service ranking-service: port http matches no container port",
				"Deployment ranking-service container ranking-service: needs liveness and readiness probes",
				"Deployment ranking-service container ranking-service: image accesspath/ranking-service:latest is not pinned to a tag",
				"Deployment ranking-service container ranking-service: must run as non-root",
				"Deployment ranking-service container ranking-service: needs a read-only root filesystem",
				"ranking-service: container ports [9999] miss the application's port 8082",
				"Deployment ranking-service container ranking-service: unknown fields [livenesProbe]");
	}

	@Test
	void podsThatFightTheirAutoscalerOutgrowTheirMemoryOrReachTooMuchAreReported() throws Exception {
		List<HasMetadata> resources = Manifests.overlay("production");
		Deployment ranking = deployment(resources, "ranking-service");
		ranking.getSpec().setReplicas(2);
		var pod = ranking.getSpec().getTemplate().getSpec();
		pod.setTopologySpreadConstraints(List.of());
		var container = pod.getContainers().get(0);
		container.getEnv()
			.stream()
			.filter(env -> env.getName().equals("JAVA_TOOL_OPTIONS"))
			.findFirst()
			.orElseThrow()
			.setValue("-XX:MaxRAMPercentage=75 -XX:MaxMetaspaceSize=256m -XX:+ExitOnOutOfMemoryError");
		container.getEnv()
			.add(new EnvVarBuilder().withName("JWT_SECRET")
				.withNewValueFrom()
				.withNewSecretKeyRef("JWT_SECRET", "platform-secrets", false)
				.endValueFrom()
				.build());
		// A ConfigMap written by hand, without the generator's content hash.
		String generated = container.getEnvFrom().get(0).getConfigMapRef().getName();
		ManifestChecks.of(resources, io.fabric8.kubernetes.api.model.ConfigMap.class)
			.stream()
			.filter(c -> c.getMetadata().getName().equals(generated))
			.findFirst()
			.orElseThrow()
			.getMetadata()
			.setName("ranking-service-config");
		container.getEnvFrom().get(0).getConfigMapRef().setName("ranking-service-config");
		NetworkPolicy rankingPolicy = policy(resources, "ranking-service");
		rankingPolicy.getSpec()
			.getEgress()
			.removeIf(rule -> rule.getTo()
				.stream()
				.anyMatch(peer -> peer.getPodSelector() != null && "article-service"
					.equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))));
		policy(resources, "gateway").getSpec()
			.getIngress()
			.get(0)
			.getFrom()
			.get(0)
			.setNamespaceSelector(new io.fabric8.kubernetes.api.model.LabelSelector());
		policy(resources, "gateway").getSpec().getIngress().get(0).getFrom().get(0).setPodSelector(null);
		ManifestChecks.of(resources, NetworkPolicy.class)
			.stream()
			.filter(p -> p.getMetadata().getName().equals("default-deny"))
			.findFirst()
			.orElseThrow()
			.getSpec()
			.setPolicyTypes(List.of("Ingress"));
		assertThat(ManifestChecks.violations(resources)).contains(
				"Deployment ranking-service sets replicas, which its HorizontalPodAutoscaler owns",
				"Deployment ranking-service JVM: heap must be 50-65 % of the memory limit (MaxRAMPercentage), not 0.75",
				"Deployment ranking-service JVM: ReservedCodeCacheSize is not capped",
				"Deployment ranking-service JVM: MaxDirectMemorySize is not capped",
				"Deployment ranking-service JVM: heap and capped native memory exceed 95 % of the memory limit",
				"Deployment ranking-service JVM: needs -XX:ActiveProcessorCount=2 or more",
				"Deployment ranking-service JVM: names no parallel or concurrent collector",
				"Deployment ranking-service: its replicas are not spread over topology.kubernetes.io/zone",
				"Deployment ranking-service: its replicas are not spread over kubernetes.io/hostname",
				"ranking-service: reads JWT_SECRET from another Secret than ranking-service-secrets",
				"ranking-service: holds a token-signing key (JWT_SECRET); verify with a JWK set",
				"ranking-service: ConfigMap ranking-service-config is not generated with a content hash (a change would not roll the pods)",
				"NetworkPolicy of ranking-service: no egress to article-service:8081 (ARTICLE_SERVICE_URL)",
				"NetworkPolicy of gateway: takes traffic from any namespace, not only the ingress controller",
				"no default-deny NetworkPolicy for both ingress and egress");
	}

	@Test
	void theImageRunsOnTheJdkTheBenchmarksRanOn() throws Exception {
		String dockerfile = Files.readString(ManifestChecks.root().resolve("deploy/docker/Dockerfile"));
		java.util.regex.Matcher from = java.util.regex.Pattern.compile("(?m)^FROM eclipse-temurin:(\\d+)-")
			.matcher(dockerfile);
		List<String> images = new java.util.ArrayList<>();
		while (from.find()) {
			images.add(from.group(1));
		}
		// The newest benchmark result names the JDK it ran on.
		try (var results = Files.list(ManifestChecks.root().resolve("bench/results"))) {
			java.nio.file.Path newest = results.filter(path -> path.toString().endsWith(".md"))
				.max(java.util.Comparator.comparing(path -> {
					try {
						return Files.getLastModifiedTime(path);
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				}))
				.orElseThrow();
			java.util.regex.Matcher jdk = java.util.regex.Pattern.compile("version \"(\\d+)")
				.matcher(Files.readString(newest));
			String benchmarked = jdk.find() ? jdk.group(1) : "25";
			assertThat(images).isNotEmpty().allSatisfy(major -> assertThat(major).isEqualTo(benchmarked));
		}
	}

	private static Deployment deployment(List<HasMetadata> resources, String name) {
		return ManifestChecks.of(resources, Deployment.class)
			.stream()
			.filter(d -> d.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static NetworkPolicy policy(List<HasMetadata> resources, String name) {
		return ManifestChecks.of(resources, NetworkPolicy.class)
			.stream()
			.filter(p -> p.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void theGatewayBelievesTheIngressAndServesMetricsOnlyOnItsManagementPort(String overlay) throws Exception {
		List<HasMetadata> resources = Manifests.overlay(overlay);
		Map<String, String> config = ManifestChecks.of(resources, io.fabric8.kubernetes.api.model.ConfigMap.class)
			.stream()
			.filter(c -> c.getMetadata().getName().startsWith("gateway-config"))
			.findFirst()
			.orElseThrow()
			.getData();
		// Behind the Ingress an empty list would make every client the ingress
		// controller's address.
		assertThat(config.get("TRUSTED_PROXIES")).as("TRUSTED_PROXIES").isNotBlank();
		for (String range : config.get("TRUSTED_PROXIES").split(",")) {
			assertThat(range.strip()).as("a CIDR range").matches("[0-9a-fA-F:.]+/\\d{1,3}");
		}
		Deployment gateway = deployment(resources, "gateway");
		var container = gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getPorts())
			.anyMatch(port -> port.getContainerPort() == 8090 && "management".equals(port.getName()));
		assertThat(gateway.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/port",
				"8090");
		assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everyServiceThatLinksToTheSiteHasTheSameSiteUrl(String overlay) throws Exception {
		List<HasMetadata> resources = Manifests.overlay(overlay);
		Map<String, String> siteUrls = new java.util.TreeMap<>();
		for (String service : List.of("site", "article-service", "leads-service")) {
			Map<String, String> config = ManifestChecks.of(resources, io.fabric8.kubernetes.api.model.ConfigMap.class)
				.stream()
				.filter(c -> c.getMetadata().getName().startsWith(service + "-config"))
				.findFirst()
				.orElseThrow()
				.getData();
			siteUrls.put(service, config.get("SITE_URL"));
		}
		// article-service builds the URLs it pushes to Baidu from it, leads-service the
		// download links it mails.
		assertThat(siteUrls.get("site")).startsWith("https://");
		assertThat(siteUrls).containsEntry("article-service", siteUrls.get("site"))
			.containsEntry("leads-service", siteUrls.get("site"));
	}

	@Test
	void aConfigMapKeyNoServiceReadsIsReported() throws Exception {
		List<HasMetadata> resources = Manifests.overlay("local");
		ManifestChecks.of(resources, io.fabric8.kubernetes.api.model.ConfigMap.class)
			.stream()
			.filter(c -> c.getMetadata().getName().startsWith("gateway-config"))
			.findFirst()
			.orElseThrow()
			.getData()
			.put("GATEWAY_TYPO_URL", "http://x");
		assertThat(ManifestChecks.violations(resources))
			.contains("gateway: ConfigMap key GATEWAY_TYPO_URL is not a setting of its application.yml");
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsEveryServiceWithHealthChecksAndPinnedImages() throws Exception {
		Map<String, Object> compose = new Yaml()
			.load(Files.readString(ManifestChecks.root().resolve("deploy/compose.yaml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsKeys("mongo", "redis", "gateway", "article-service", "ranking-service",
				"leads-service", "newsletter-service");
		services.forEach((name, service) -> {
			assertThat(service).as(name + " has a health check").containsKey("healthcheck");
			if (service.containsKey("image")) {
				assertThat((String) service.get("image")).as(name + " image pinned").matches(".+:v?[0-9][^:]*");
			}
		});
		assertThat((List<String>) services.get("gateway").get("ports")).containsExactly("8080:8080");
		for (String app : ManifestChecks.SERVICES) {
			assertThat(services.get(app)).as(app + " waits for healthy dependencies").containsKey("depends_on");
			String port = ManifestChecks.applicationYml(app).replaceAll("(?s).*port: \\$\\{PORT:(\\d+)}.*", "$1");
			assertThat(services.get(app).get("healthcheck").toString()).as(app + " checks its own port")
				.contains("localhost:" + port);
		}
		assertThat(services.get("redis").get("command").toString()).contains("--appendonly", "yes");
		assertThat(services.get("mongo").get("command").toString()).contains("--replSet");
	}

}
