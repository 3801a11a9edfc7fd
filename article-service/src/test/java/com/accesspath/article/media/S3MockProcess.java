package com.accesspath.article.media;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Adobe's S3Mock, a real S3-compatible server, in a JVM of its own: its executable jar,
 * which the build copies to {@code target/s3mock/s3mock.jar} (maven-dependency-plugin).
 * Its authors advise against running it inside the tests' JVM, where its Spring Boot
 * application would also meet this service's auto-configurations and dependency versions.
 * Both its ports are chosen by the system; the HTTP one is read from its log.
 */
final class S3MockProcess implements AutoCloseable {

	static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

	/**
	 * Tomcat's start line: {@code Tomcat started on ports 41651 (https), 38223 (http)}.
	 */
	private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on ports? .*?(\\d+) \\(http\\)");

	private final Process process;

	private final int port;

	private final Thread stopOnExit;

	private S3MockProcess(Process process, int port) {
		this.process = process;
		this.port = port;
		this.stopOnExit = new Thread(process::destroyForcibly, "s3mock-stop");
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/**
	 * Starts S3Mock with its files under {@code root} and the buckets given, and waits
	 * until it serves.
	 */
	static S3MockProcess start(Path root, String... buckets) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(
					JAR.toAbsolutePath() + " is missing: run the module's build (generate-test-resources) first");
		}
		Path log = Files.createTempFile(root, "s3mock", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// --silent only works through S3Mock's Java API: the same quiet log by
		// properties, but with Tomcat's start line, which has the ports.
		Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
				JAR.toString(), "--server.port=0", "--http.port=0", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--logging.level.org.springframework.boot.tomcat=INFO",
				"--com.adobe.testing.s3mock.store.root=" + root.resolve("store"),
				"--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		AtomicInteger port = new AtomicInteger();
		try {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("S3Mock stopped at start:\n" + Files.readString(log));
				}
				Matcher matcher = HTTP_PORT.matcher(Files.readString(log));
				if (matcher.find()) {
					port.set(Integer.parseInt(matcher.group(1)));
				}
				return port.get() > 0;
			});
		}
		catch (RuntimeException ex) {
			process.destroyForcibly();
			throw ex;
		}
		return new S3MockProcess(process, port.get());
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
	}

}
