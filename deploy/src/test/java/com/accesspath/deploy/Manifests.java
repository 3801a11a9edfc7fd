package com.accesspath.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Rendered manifests of an overlay as typed Kubernetes objects (fabric8). */
final class Manifests {

	static final Path ROOT = locateRoot();

	private Manifests() {
	}

	/**
	 * {@code kubectl kustomize} of the overlay: what {@code kubectl apply -k} would send,
	 * patches and components applied. Without kubectl the checks fail with that message
	 * rather than pass on the raw files, which no cluster ever sees.
	 */
	static List<HasMetadata> overlay(String name) throws IOException, InterruptedException {
		Path overlay = ROOT.resolve("deploy/k8s/overlays/" + name);
		if (!kubectlAvailable()) {
			throw new IllegalStateException(
					"The manifest checks render each overlay with 'kubectl kustomize', and kubectl "
							+ "is not on the PATH. Install it (Debian: apt-get install kubernetes-client; .ci/run does) and run "
							+ "the build again.");
		}
		Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("kubectl kustomize " + name + " failed:\n" + out);
		}
		return parse(out);
	}

	static List<HasMetadata> parse(String yaml) {
		List<HasMetadata> resources = new ArrayList<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			if (document.replaceAll("(?m)^\\s*#.*$", "").isBlank()) {
				continue;
			}
			Object parsed = Serialization.unmarshal(document);
			if (parsed instanceof HasMetadata resource) {
				resources.add(resource);
			}
		}
		return resources;
	}

	static boolean kubectlAvailable() {
		try {
			Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private static Path locateRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("deploy/k8s/base/kustomization.yaml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Cannot find the repository root from " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
