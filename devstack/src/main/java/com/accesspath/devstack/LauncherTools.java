package com.accesspath.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./platform} needs beyond a shell: HTTP checks and the demo views, with only
 * the JDK.
 */
final class LauncherTools {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private LauncherTools() {
	}

	/**
	 * Waits until every URL answers 200 with status UP; exit code 0 when all are, 1 on
	 * timeout.
	 */
	static int waitHealthy(String... urls) throws InterruptedException {
		Duration timeout = Duration
			.ofSeconds(Long.parseLong(System.getenv().getOrDefault("PLATFORM_START_TIMEOUT", "180")));
		Instant deadline = Instant.now().plus(timeout);
		List<String> waiting = new ArrayList<>(List.of(urls));
		while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
			waiting.removeIf(LauncherTools::isUp);
			if (!waiting.isEmpty()) {
				Thread.sleep(500);
			}
		}
		if (!waiting.isEmpty()) {
			System.err.println("not healthy after " + timeout.toSeconds() + " s: " + waiting);
			return 1;
		}
		return 0;
	}

	private static boolean isUp(String url) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Sends demo views so that the hot list starts in the seed's {@code hotList} order:
	 * the first article gets the most distinct visitors. Straight to the services (the
	 * gateway would rate-limit one address sending 275 views). Runs once: the launcher
	 * keeps a marker beside the data.
	 */
	static int seedViews(String articleServiceUrl, String rankingServiceUrl, Path seedFile)
			throws IOException, InterruptedException {
		if (seedFile == null || !Files.exists(seedFile)) {
			System.err.println("seed file not found: " + seedFile);
			return 1;
		}
		List<String> hotList = stringArray(Files.readString(seedFile, StandardCharsets.UTF_8), "hotList");
		int total = 0;
		for (int i = 0; i < hotList.size(); i++) {
			String article = get(articleServiceUrl + "/api/articles/" + hotList.get(i));
			Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(article == null ? "" : article);
			if (!id.find()) {
				System.err.println("demo article not found: " + hotList.get(i));
				continue;
			}
			int views = (hotList.size() - i) * 5;
			for (int visitor = 0; visitor < views; visitor++) {
				HttpRequest request = HttpRequest.newBuilder(URI.create(rankingServiceUrl + "/api/views"))
					.header("Content-Type", "application/json")
					.header("X-Visitor-Id", "demo-visitor-" + visitor)
					.POST(HttpRequest.BodyPublishers.ofString("{\"articleId\":\"" + id.group(1) + "\"}"))
					.build();
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
					total++;
				}
			}
		}
		System.out.println("demo views sent: " + total);
		return (total > 0) ? 0 : 1;
	}

	/**
	 * Asks the running devstack to stop or start Redis or MongoDB ({@code redis/stop},
	 * {@code mongo/start} …).
	 */
	static int control(int port, String action) throws IOException, InterruptedException {
		HttpResponse<Void> response = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + action))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());
		return (response.statusCode() == 200) ? 0 : 1;
	}

	private static String get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 200 ? response.body() : null;
	}

	/**
	 * The strings of a top-level JSON array field; the seed file is ours, so a small
	 * reader is enough.
	 */
	static List<String> stringArray(String json, String field) {
		Matcher array = Pattern.compile("\"" + field + "\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL).matcher(json);
		List<String> values = new ArrayList<>();
		if (array.find()) {
			Matcher value = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(array.group(1));
			while (value.find()) {
				values.add(value.group(1));
			}
		}
		return values;
	}

}
