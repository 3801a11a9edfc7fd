package com.accesspath.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The invariants every overlay must keep; returns what is broken, in words an operator
 * understands. A check that found nothing to look at is itself a violation (an empty
 * overlay proves nothing).
 */
final class ManifestChecks {

	static final List<String> SERVICES = List.of("gateway", "article-service", "ranking-service", "leads-service",
			"newsletter-service", "site");

	private ManifestChecks() {
	}

	static List<String> violations(List<HasMetadata> resources) throws IOException {
		List<String> problems = new ArrayList<>();
		List<Deployment> deployments = of(resources, Deployment.class);
		List<StatefulSet> statefulSets = of(resources, StatefulSet.class);
		for (String service : SERVICES) {
			if (deployments.stream().noneMatch(d -> d.getMetadata().getName().equals(service))) {
				problems.add("no Deployment for " + service);
			}
		}
		for (Deployment deployment : deployments) {
			String name = deployment.getMetadata().getName();
			unknownFields(problems, "Deployment " + name, deployment.getAdditionalProperties(),
					deployment.getSpec().getAdditionalProperties());
			checkPod(problems, "Deployment " + name, deployment.getSpec().getTemplate(), true);
			var rolling = deployment.getSpec().getStrategy() == null ? null
					: deployment.getSpec().getStrategy().getRollingUpdate();
			if (rolling == null || rolling.getMaxUnavailable() == null
					|| rolling.getMaxUnavailable().getIntVal() == null
					|| rolling.getMaxUnavailable().getIntVal() != 0) {
				problems.add(
						"Deployment " + name + ": a rolling update may drop below capacity (maxUnavailable must be 0)");
			}
			if (SERVICES.contains(name)) {
				checkApplicationPort(problems, name, deployment.getSpec().getTemplate().getSpec());
				checkConfigMapKeys(problems, name, deployment.getSpec().getTemplate().getSpec(),
						of(resources, ConfigMap.class));
			}
		}
		List<HorizontalPodAutoscaler> autoscalers = of(resources, HorizontalPodAutoscaler.class);
		List<NetworkPolicy> policies = of(resources, NetworkPolicy.class);
		List<ConfigMap> configMaps = of(resources, ConfigMap.class);
		checkDefaultDeny(problems, policies);
		for (Deployment deployment : deployments) {
			String name = deployment.getMetadata().getName();
			if (deployment.getSpec().getReplicas() != null
					&& autoscalers.stream().anyMatch(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(name))) {
				problems.add("Deployment " + name + " sets replicas, which its HorizontalPodAutoscaler owns");
			}
			if (SERVICES.contains(name)) {
				PodSpec pod = deployment.getSpec().getTemplate().getSpec();
				checkJvmFitsThePod(problems, name, pod.getContainers().get(0));
				checkSpread(problems, name, pod);
				checkOwnSecretsAndConfig(problems, name, pod.getContainers().get(0));
				checkNetwork(problems, name, policies, configMaps, pod.getContainers().get(0));
			}
		}
		for (StatefulSet statefulSet : statefulSets) {
			checkPod(problems, "StatefulSet " + statefulSet.getMetadata().getName(),
					statefulSet.getSpec().getTemplate(), false);
		}
		for (Service service : of(resources, Service.class)) {
			Map<String, String> selector = service.getSpec().getSelector();
			PodTemplateSpec target = podsSelectedBy(selector, deployments, statefulSets);
			if (target == null) {
				problems.add("Service " + service.getMetadata().getName() + " selects no pods");
				continue;
			}
			for (ServicePort port : service.getSpec().getPorts()) {
				if (!containerHasPort(target.getSpec(), port)) {
					problems.add("Service " + service.getMetadata().getName() + ": port " + port.getName()
							+ " matches no container port");
				}
			}
		}
		for (HorizontalPodAutoscaler hpa : of(resources, HorizontalPodAutoscaler.class)) {
			String targetName = hpa.getSpec().getScaleTargetRef().getName();
			if (deployments.stream().noneMatch(d -> d.getMetadata().getName().equals(targetName))) {
				problems.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " scales a missing Deployment "
						+ targetName);
			}
		}
		for (PodDisruptionBudget pdb : of(resources, PodDisruptionBudget.class)) {
			if (podsSelectedBy(pdb.getSpec().getSelector().getMatchLabels(), deployments, statefulSets) == null) {
				problems.add("PodDisruptionBudget " + pdb.getMetadata().getName() + " selects no pods");
			}
		}
		return problems;
	}

	/** Both ways denied unless a policy allows: ingress and egress. */
	private static void checkDefaultDeny(List<String> problems, List<NetworkPolicy> policies) {
		boolean denies = policies.stream()
			.anyMatch(policy -> isEmpty(policy.getSpec().getPodSelector())
					&& policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
					&& nullToEmpty(policy.getSpec().getIngress()).isEmpty()
					&& nullToEmpty(policy.getSpec().getEgress()).isEmpty());
		if (!denies) {
			problems.add("no default-deny NetworkPolicy for both ingress and egress");
		}
	}

	private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

	private static final Pattern SIZE_FLAG = Pattern
		.compile("-XX:(MaxMetaspaceSize|ReservedCodeCacheSize|MaxDirectMemorySize)=(\\d+)([kKmMgG])");

	/**
	 * The JVM fits the pod: heap about 60 % of the memory limit, metaspace, code cache
	 * and direct memory capped, heap and those within 95 % of the limit; more than one
	 * processor and a parallel or concurrent collector whatever the CPU limit (else the
	 * JVM takes Serial GC and one carrier thread).
	 */
	private static void checkJvmFitsThePod(List<String> problems, String service, Container container) {
		String options = env(container, "JAVA_TOOL_OPTIONS");
		String where = "Deployment " + service + " JVM";
		if (options == null) {
			problems.add(where + ": no JAVA_TOOL_OPTIONS sized to the pod");
			return;
		}
		Matcher percentage = MAX_RAM_PERCENTAGE.matcher(options);
		double heapShare = percentage.find() ? Double.parseDouble(percentage.group(1)) / 100 : 0;
		if (heapShare < 0.5 || heapShare > 0.65) {
			problems.add(where + ": heap must be 50-65 % of the memory limit (MaxRAMPercentage), not " + heapShare);
		}
		long native_ = 0;
		java.util.Set<String> capped = new java.util.HashSet<>();
		Matcher size = SIZE_FLAG.matcher(options);
		while (size.find()) {
			capped.add(size.group(1));
			native_ += bytes(Long.parseLong(size.group(2)), size.group(3));
		}
		for (String flag : List.of("MaxMetaspaceSize", "ReservedCodeCacheSize", "MaxDirectMemorySize")) {
			if (!capped.contains(flag)) {
				problems.add(where + ": " + flag + " is not capped");
			}
		}
		var limits = (container.getResources() != null) ? container.getResources().getLimits() : null;
		if (limits != null && limits.containsKey("memory")) {
			long limit = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(limits.get("memory")).longValue();
			if (heapShare * limit + native_ > 0.95 * limit) {
				problems.add(where + ": heap and capped native memory exceed 95 % of the memory limit");
			}
		}
		Matcher processors = Pattern.compile("-XX:ActiveProcessorCount=(\\d+)").matcher(options);
		if (!processors.find() || Integer.parseInt(processors.group(1)) < 2) {
			problems.add(where + ": needs -XX:ActiveProcessorCount=2 or more");
		}
		if (!options.contains("-XX:+UseParallelGC") && !options.contains("-XX:+UseG1GC")
				&& !options.contains("-XX:+UseZGC")) {
			problems.add(where + ": names no parallel or concurrent collector");
		}
	}

	private static long bytes(long amount, String unit) {
		return switch (unit.toLowerCase(java.util.Locale.ROOT)) {
			case "k" -> amount << 10;
			case "m" -> amount << 20;
			default -> amount << 30;
		};
	}

	/** Spread over zones (preferred) and nodes (required), selecting its own pods. */
	private static void checkSpread(List<String> problems, String service, PodSpec pod) {
		for (String key : List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname")) {
			boolean spread = nullToEmpty(pod.getTopologySpreadConstraints()).stream()
				.anyMatch(constraint -> key.equals(constraint.getTopologyKey()) && constraint.getLabelSelector() != null
						&& service.equals(constraint.getLabelSelector().getMatchLabels().get(NAME)));
			if (!spread) {
				problems.add("Deployment " + service + ": its replicas are not spread over " + key);
			}
		}
	}

	/**
	 * Its own Secret only, no token-signing key, the JWK set to verify tokens, and its
	 * settings from a generated (content-hashed) ConfigMap.
	 */
	private static void checkOwnSecretsAndConfig(List<String> problems, String service, Container container) {
		for (EnvVar variable : nullToEmpty(container.getEnv())) {
			if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null
					&& !variable.getValueFrom()
						.getSecretKeyRef()
						.getName()
						.matches(Pattern.quote(service) + "-secrets(-[a-z0-9]{10})?")) {
				problems.add(service + ": reads " + variable.getName() + " from another Secret than " + service
						+ "-secrets");
			}
			if (variable.getName().equals("JWT_SECRET")) {
				problems.add(service + ": holds a token-signing key (JWT_SECRET); verify with a JWK set");
			}
		}
		if (container.getEnv() == null
				|| container.getEnv().stream().noneMatch(variable -> variable.getName().equals("JWT_JWK_SET_URI"))) {
			problems.add(service + ": no JWT_JWK_SET_URI to verify tokens with");
		}
		for (EnvFromSource source : nullToEmpty(container.getEnvFrom())) {
			if (source.getConfigMapRef() != null
					&& !source.getConfigMapRef().getName().matches(Pattern.quote(service) + "-config-[a-z0-9]{10}")) {
				problems.add(service + ": ConfigMap " + source.getConfigMapRef().getName()
						+ " is not generated with a content hash (a change would not roll the pods)");
			}
		}
	}

	/**
	 * Egress: DNS, and every service it calls (its {@code *_SERVICE_URL} settings) on
	 * that service's port, allowed both ways; internet only outside private ranges. The
	 * gateway takes traffic only from the ingress controller.
	 */
	private static void checkNetwork(List<String> problems, String service, List<NetworkPolicy> policies,
			List<ConfigMap> configMaps, Container container) {
		List<NetworkPolicy> own = policies.stream()
			.filter(policy -> service.equals(labelOf(policy.getSpec().getPodSelector())))
			.toList();
		List<NetworkPolicyEgressRule> egress = own.stream()
			.filter(policy -> policy.getSpec().getPolicyTypes().contains("Egress"))
			.flatMap(policy -> nullToEmpty(policy.getSpec().getEgress()).stream())
			.toList();
		if (egress.stream()
			.noneMatch(rule -> nullToEmpty(rule.getPorts()).stream()
				.anyMatch(port -> port.getPort() != null && Integer.valueOf(53).equals(port.getPort().getIntVal())))) {
			problems.add("NetworkPolicy of " + service + ": no egress to DNS");
		}
		for (NetworkPolicyEgressRule rule : egress) {
			for (NetworkPolicyPeer peer : nullToEmpty(rule.getTo())) {
				if (peer.getIpBlock() != null && peer.getIpBlock().getCidr().endsWith("/0")
						&& !nullToEmpty(peer.getIpBlock().getExcept()).containsAll(PRIVATE_RANGES)) {
					problems.add("NetworkPolicy of " + service + ": egress to the internet includes private addresses");
				}
				if (nullToEmpty(rule.getPorts()).isEmpty()) {
					problems.add("NetworkPolicy of " + service + ": an egress rule allows every port");
				}
			}
		}
		Map<String, String> settings = new java.util.HashMap<>();
		for (EnvFromSource source : nullToEmpty(container.getEnvFrom())) {
			configMaps.stream()
				.filter(map -> source.getConfigMapRef() != null
						&& map.getMetadata().getName().equals(source.getConfigMapRef().getName()))
				.forEach(map -> settings.putAll(map.getData()));
		}
		settings.forEach((key, value) -> {
			Matcher url = Pattern.compile("https?://([a-z-]+):(\\d+)").matcher(value);
			if (!key.endsWith("_SERVICE_URL") || !url.matches()) {
				return;
			}
			String callee = url.group(1);
			int port = Integer.parseInt(url.group(2));
			boolean out = egress.stream()
				.anyMatch(rule -> nullToEmpty(rule.getTo()).stream()
					.anyMatch(peer -> callee.equals(labelOf(peer.getPodSelector())))
						&& nullToEmpty(rule.getPorts()).stream()
							.anyMatch(
									p -> p.getPort() != null && Integer.valueOf(port).equals(p.getPort().getIntVal())));
			if (!out) {
				problems
					.add("NetworkPolicy of " + service + ": no egress to " + callee + ":" + port + " (" + key + ")");
			}
			boolean in = policies.stream()
				.filter(policy -> callee.equals(labelOf(policy.getSpec().getPodSelector())))
				.flatMap(policy -> nullToEmpty(policy.getSpec().getIngress()).stream())
				.anyMatch(rule -> nullToEmpty(rule.getFrom()).stream()
					.anyMatch(peer -> service.equals(labelOf(peer.getPodSelector()))
							&& peer.getNamespaceSelector() == null));
			if (!in) {
				problems.add("NetworkPolicy of " + callee + ": no ingress from " + service + " (" + key + ")");
			}
		});
		if (service.equals("gateway")) {
			for (NetworkPolicy policy : own) {
				for (NetworkPolicyIngressRule rule : nullToEmpty(policy.getSpec().getIngress())) {
					for (NetworkPolicyPeer peer : nullToEmpty(rule.getFrom())) {
						boolean anyNamespace = peer.getNamespaceSelector() != null
								&& isEmpty(peer.getNamespaceSelector());
						if (anyNamespace || (peer.getNamespaceSelector() == null && peer.getPodSelector() == null)) {
							problems.add("NetworkPolicy of gateway: takes traffic from any namespace, not only the "
									+ "ingress controller");
						}
					}
				}
			}
		}
	}

	static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

	private static final String NAME = "app.kubernetes.io/name";

	private static String labelOf(LabelSelector selector) {
		return (selector == null || selector.getMatchLabels() == null) ? null : selector.getMatchLabels().get(NAME);
	}

	private static boolean isEmpty(LabelSelector selector) {
		return selector == null || (nullToEmpty(selector.getMatchExpressions()).isEmpty()
				&& (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()));
	}

	private static String env(Container container, String name) {
		return nullToEmpty(container.getEnv()).stream()
			.filter(variable -> variable.getName().equals(name))
			.map(EnvVar::getValue)
			.findFirst()
			.orElse(null);
	}

	private static <T> List<T> nullToEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

	private static void checkPod(List<String> problems, String owner, PodTemplateSpec template, boolean service) {
		PodSpec pod = template.getSpec();
		unknownFields(problems, owner + " pod", pod.getAdditionalProperties());
		boolean podNonRoot = pod.getSecurityContext() != null
				&& Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
		for (Container container : pod.getContainers()) {
			String where = owner + " container " + container.getName();
			unknownFields(problems, where, container.getAdditionalProperties());
			if (container.getLivenessProbe() == null || container.getReadinessProbe() == null) {
				problems.add(where + ": needs liveness and readiness probes");
			}
			if (service && container.getStartupProbe() == null) {
				problems.add(where + ": needs a startup probe");
			}
			var resources = container.getResources();
			if (resources == null || resources.getRequests() == null || resources.getLimits() == null
					|| !resources.getRequests().containsKey("cpu") || !resources.getRequests().containsKey("memory")
					|| !resources.getLimits().containsKey("memory")) {
				problems.add(where + ": needs cpu and memory requests and a memory limit");
			}
			boolean containerNonRoot = container.getSecurityContext() != null
					&& Boolean.TRUE.equals(container.getSecurityContext().getRunAsNonRoot());
			if (!podNonRoot && !containerNonRoot) {
				problems.add(where + ": must run as non-root");
			}
			if (service && (container.getSecurityContext() == null
					|| !Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem()))) {
				problems.add(where + ": needs a read-only root filesystem");
			}
			String image = container.getImage();
			int colon = (image == null) ? -1 : image.lastIndexOf(':');
			if (image == null || colon < image.lastIndexOf('/') || colon < 0 || image.endsWith(":latest")) {
				problems.add(where + ": image " + image + " is not pinned to a tag");
			}
		}
	}

	/**
	 * The container port of a service is the one its application.yml listens on
	 * ({@code ${PORT:808x}}).
	 */
	private static void checkApplicationPort(List<String> problems, String service, PodSpec pod) throws IOException {
		Matcher port = Pattern.compile("port: \\$\\{PORT:(\\d+)}").matcher(applicationYml(service));
		if (!port.find()) {
			problems.add(service + ": application.yml has no server port");
			return;
		}
		int expected = Integer.parseInt(port.group(1));
		List<Integer> declared = pod.getContainers()
			.get(0)
			.getPorts()
			.stream()
			.map(ContainerPort::getContainerPort)
			.toList();
		if (!declared.contains(expected)) {
			problems.add(service + ": container ports " + declared + " miss the application's port " + expected);
		}
	}

	/**
	 * Every key of a ConfigMap a service reads must be a variable its application.yml
	 * uses.
	 */
	private static void checkConfigMapKeys(List<String> problems, String service, PodSpec pod,
			List<ConfigMap> configMaps) throws IOException {
		String yml = applicationYml(service);
		for (EnvFromSource source : Objects.requireNonNullElse(pod.getContainers().get(0).getEnvFrom(),
				List.<EnvFromSource>of())) {
			if (source.getConfigMapRef() == null) {
				continue;
			}
			String name = source.getConfigMapRef().getName();
			ConfigMap configMap = configMaps.stream()
				.filter(c -> c.getMetadata().getName().equals(name))
				.findFirst()
				.orElse(null);
			if (configMap == null) {
				problems.add(service + ": reads a missing ConfigMap " + name);
				continue;
			}
			for (String key : configMap.getData().keySet()) {
				if (!yml.contains("${" + key + ":") && !yml.contains("${" + key + "}")) {
					problems.add(service + ": ConfigMap key " + key + " is not a setting of its application.yml");
				}
			}
		}
	}

	private static PodTemplateSpec podsSelectedBy(Map<String, String> selector, List<Deployment> deployments,
			List<StatefulSet> statefulSets) {
		if (selector == null || selector.isEmpty()) {
			return null;
		}
		List<PodTemplateSpec> templates = new ArrayList<>();
		deployments.forEach(d -> templates.add(d.getSpec().getTemplate()));
		statefulSets.forEach(s -> templates.add(s.getSpec().getTemplate()));
		return templates.stream()
			.filter(t -> t.getMetadata().getLabels() != null
					&& t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
			.findFirst()
			.orElse(null);
	}

	private static boolean containerHasPort(PodSpec pod, ServicePort port) {
		var target = port.getTargetPort();
		return pod.getContainers()
			.stream()
			.flatMap(c -> c.getPorts().stream())
			.anyMatch(p -> (target == null) ? Objects.equals(p.getContainerPort(), port.getPort())
					: (target.getStrVal() != null) ? target.getStrVal().equals(p.getName())
							: Objects.equals(target.getIntVal(), p.getContainerPort()));
	}

	@SafeVarargs
	private static void unknownFields(List<String> problems, String where, Map<String, Object>... additional) {
		for (Map<String, Object> fields : additional) {
			if (fields != null && !fields.isEmpty()) {
				problems.add(where + ": unknown fields " + fields.keySet());
			}
		}
	}

	static String applicationYml(String service) throws IOException {
		return Files.readString(Manifests.ROOT.resolve(service + "/src/main/resources/application.yml"));
	}

	static <T> List<T> of(List<HasMetadata> resources, Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	static Path root() {
		return Manifests.ROOT;
	}

}
