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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
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
