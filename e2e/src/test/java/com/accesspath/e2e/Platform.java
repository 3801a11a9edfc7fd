package com.accesspath.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, started the README's way ({@code ./platform up}) once for all
 * journeys, on a fresh data directory of its own, and stopped at the end. A platform that
 * is already up (a developer's) is used as it is.
 */
final class Platform implements BeforeAllCallback {

	static final String GATEWAY = "http://localhost:8080";

	static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Platform.class);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static volatile Running running;

	@Override
	public void beforeAll(ExtensionContext context) {
		String missing = "Chromium is not installed: apt-get install chromium chromium-driver (.ci/run installs them)";
		// CI asks for the journeys (-De2e.required=true): there a missing browser fails
		// the build instead of skipping.
		if (Boolean.getBoolean("e2e.required")) {
			Assertions.assertTrue(Browser.installed(), missing);
		}
		Assumptions.assumeTrue(Browser.installed(), missing);
		running = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Running.class, key -> Running.start(), Running.class);
	}

	/** A token as {@code ./platform token ROLE} prints it. */
	static String token(String role) {
		return run(List.of("./platform", "token", role), Duration.ofMinutes(1)).strip();
	}

	/** A token for someone in particular, e.g. the salesperson a lead was assigned to. */
	static String token(String role, String subject) {
		return run(List.of("./platform", "token", role, subject), Duration.ofMinutes(1)).strip();
	}

	/** The newest mails as {@code ./platform mail N} shows them. */
	static String mail(int count) {
		return run(List.of("./platform", "mail", Integer.toString(count)), Duration.ofMinutes(1));
	}

	/**
	 * Mail leaves asynchronously: the first link matching {@code link} (its group 1) in a
	 * mail to this address, as {@code ./platform mail} shows it.
	 */
	static String linkInMailTo(String email, Pattern link) throws InterruptedException {
		for (int attempt = 0; attempt < 50; attempt++) {
			String mails = mail(20);
			for (String mail : mails.split("\n== ")) {
				if (mail.contains("to " + email)) {
					Matcher matcher = link.matcher(mail);
					if (matcher.find()) {
						return matcher.group(1);
					}
				}
			}
			Thread.sleep(200);
		}
		throw new AssertionError("no mail to " + email + " with a link like " + link);
	}

	/** The link of the confirmation mail to this address (double opt-in). */
	static String confirmationLinkFor(String email) throws InterruptedException {
		return linkInMailTo(email, Pattern.compile("(http://\\S+/subscriptions/confirm\\?token=[A-Za-z0-9_-]+)"));
	}

	static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(GATEWAY + path)));
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A file as the browser's download would fetch it: its bytes, e.g. a PDF's. */
	static HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	static boolean healthy() {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String run(List<String> command, Duration timeout) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
			// The journeys send more diagnoses, contacts and subscriptions from one
			// address than a prospect
			// would: the strict limit (one every 12 s after 5) stays in force, at a cost
			// that leaves room for them.
			builder.environment().putIfAbsent("RATE_LIMIT_STRICT_COST", "2");
			// They publish articles, then read the sitemap as a crawler would: rendered
			// anew every 2 s, not 5 min.
			builder.environment().putIfAbsent("SITE_CRAWL_TTL", "2s");
			// Sales sees a lead go overdue within a journey: a 20 s first-contact SLA
			// counted round the clock, whenever the journeys run.
			builder.environment().putIfAbsent("LEAD_FIRST_CONTACT_SLA", "20s");
			builder.environment().putIfAbsent("ACCESSPATH_LEADS_ASSIGNMENT_WORK_START", "00:00");
			builder.environment().putIfAbsent("ACCESSPATH_LEADS_ASSIGNMENT_WORK_END", "23:59:59");
			builder.environment()
				.putIfAbsent("ACCESSPATH_LEADS_ASSIGNMENT_WORKING_DAYS",
						"MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY");
			Running current = running;
			if (current != null && current.data != null) {
				builder.environment().put("PLATFORM_DATA_DIR", current.data.toString());
			}
			Path output = Files.createTempFile("platform", ".out");
			builder.redirectOutput(output.toFile());
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + timeout);
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.delete(output);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed (" + process.exitValue() + "):\n" + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The platform for this run; closing it stops what this run started, and only that.
	 */
	static final class Running implements AutoCloseable {

		final Path data;

		final boolean startedHere;

		private Running(Path data, boolean startedHere) {
			this.data = data;
			this.startedHere = startedHere;
		}

		static Running start() {
			try {
				Browser.clearScreenshots();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			if (healthy()) {
				return new Running(null, false);
			}
			Path data = ROOT.resolve("e2e/target/platform-data");
			deleteRecursively(data);
			running = new Running(data, true);
			run(List.of("./platform", "up"), Duration.ofMinutes(6));
			return running;
		}

		@Override
		public void close() {
			if (this.startedHere) {
				run(List.of("./platform", "down"), Duration.ofMinutes(4));
			}
		}

		private static void deleteRecursively(Path directory) {
			if (!Files.exists(directory)) {
				return;
			}
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
