import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault drill: a steady mixed load through the gateway (article reads, views, diagnoses, subscriptions) while
 * TARGET is stopped after 5 s and started again after 15 s (MongoDB: after 17 s, an outage longer than an election);
 * then checks that nothing accepted was lost, and for MongoDB that every write answered 503 within its 2 s deadline and
 * writes were accepted again once it was back.
 * java bench/Drill.java GATEWAY_URL TARGET SALES_TOKEN EDITOR_TOKEN ARTICLE_ID SLUG
 */
public class Drill {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static final int SECONDS = 30;

	public static void main(String[] args) throws Exception {
		String gateway = args[0];
		String target = args[1];
		String sales = args[2];
		String editor = args[3];
		String articleId = args[4];
		String slug = args[5];
		String run = target + "-" + System.currentTimeMillis();

		long viewsBefore = viewsOnceReady(gateway, articleId);
		long pendingBefore = pending(gateway, editor);

		Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
		long loadStart = System.nanoTime();
		List<String> acceptedLeads = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger acceptedSubscriptions = new AtomicInteger();
		AtomicLong countedViews = new AtomicLong();
		AtomicInteger sequence = new AtomicInteger();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);

		ExecutorService workers = Executors.newFixedThreadPool(4);
		for (int w = 0; w < 4; w++) {
			workers.submit(() -> {
				while (System.nanoTime() < end) {
					int n = sequence.incrementAndGet();
					long started = System.nanoTime();
					String kind = (n % 10 == 0) ? "diagnosis" : (n % 10 == 5) ? "subscription" : (n % 3 == 0) ? "view" : "read";
					int status;
					try {
						if (n % 10 == 0) {
							kind = "diagnosis";
							String company = "drill-" + run + "-" + n;
							HttpResponse<String> r = post(gateway + "/api/diagnosis", diagnosis(company, n), null);
							status = r.statusCode();
							if (status == 201) {
								acceptedLeads.add(company);
							}
						}
						else if (n % 10 == 5) {
							kind = "subscription";
							status = post(gateway + "/api/subscriptions",
									"{\"email\":\"drill-" + run + "-" + n + "@example.com\",\"consent\":true}", null).statusCode();
							if (status == 202) {
								acceptedSubscriptions.incrementAndGet();
							}
						}
						else if (n % 3 == 0) {
							kind = "view";
							HttpResponse<String> r = post(gateway + "/api/views", "{\"articleId\":\"" + articleId + "\"}", "drill-" + run + "-" + n);
							status = r.statusCode();
							if (status == 202 && r.body().contains("\"counted\":true")) {
								countedViews.incrementAndGet();
							}
						}
						else {
							kind = "read";
							status = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/articles/" + slug)).timeout(Duration.ofSeconds(5)).build(),
									HttpResponse.BodyHandlers.discarding()).statusCode();
						}
					}
					catch (Exception ex) {
						kind = kind + " error (" + ex.getClass().getSimpleName() + ")";
						// The timeline of errors, to tell an outage's moment from a client's own stall.
						System.out.printf("  %tT.%<tL %s%n", System.currentTimeMillis(), kind);
						status = 0;
					}
					latencies.add(System.nanoTime() - started);
					answers.add(new Answer(kind, status, started - loadStart, System.nanoTime() - started));
					statuses.computeIfAbsent(kind + " " + status, k -> new AtomicInteger()).incrementAndGet();
				}
				return null;
			});
		}
		// The outage's timeline: the target stops 5 s into the load and comes back 10 s later (MongoDB 12 s later:
		// longer than a primary election, issue #21).
		int startAt = target.equals("mongo") ? 17 : 15;
		ScheduledExecutorService timeline = Executors.newSingleThreadScheduledExecutor();
		ScheduledFuture<?> stop = timeline.schedule(() -> { hook("stop", target); return null; }, 5, TimeUnit.SECONDS);
		ScheduledFuture<?> start = timeline.schedule(() -> { hook("start", target); return null; }, startAt, TimeUnit.SECONDS);
		stop.get();
		start.get();
		timeline.shutdown();
		workers.shutdown();
		workers.awaitTermination(SECONDS + 30, TimeUnit.SECONDS);

		// Give the platform time to recover (a restarted service, reconnections, the lead reconciler).
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		boolean leadsOk = false;
		boolean viewsOk = false;
		boolean subscriptionsOk = false;
		long viewsAfter = -1;
		long pendingAfter = -1;
		int missingLeads = acceptedLeads.size();
		while (System.nanoTime() < deadline && !(leadsOk && viewsOk && subscriptionsOk)) {
			try {
				missingLeads = 0;
				for (String company : acceptedLeads) {
					String page = get(gateway + "/api/admin/leads?q=" + URLEncoder.encode(company, StandardCharsets.UTF_8), sales);
					if (page == null || !page.contains(company)) {
						missingLeads++;
					}
				}
				leadsOk = missingLeads == 0;
				viewsAfter = views(gateway, articleId);
				viewsOk = viewsAfter == viewsBefore + countedViews.get();
				pendingAfter = pending(gateway, editor);
				subscriptionsOk = pendingAfter >= pendingBefore + acceptedSubscriptions.get();
			}
			catch (Exception ex) {
				// still recovering
			}
			if (!(leadsOk && viewsOk && subscriptionsOk)) {
				Thread.sleep(500);
			}
		}
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		System.out.printf("drill %s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", target, sorted.size(),
				percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0));
		new TreeMap<>(statuses).forEach((kind, count) -> System.out.printf("  %-22s %d%n", kind, count.get()));
		System.out.printf("  leads accepted %d, missing afterwards %d: %s%n", acceptedLeads.size(), missingLeads, leadsOk ? "PASS" : "FAIL");
		System.out.printf("  subscriptions accepted %d, pending %d -> %d: %s%n", acceptedSubscriptions.get(), pendingBefore, pendingAfter,
				subscriptionsOk ? "PASS" : "FAIL");
		System.out.printf("  views counted %d, total %d -> %d: %s%n", countedViews.get(), viewsBefore, viewsAfter, viewsOk ? "PASS" : "FAIL");
		// Issue #15: with article-service stopped, the article read just before is still served (stale) with 200.
		boolean readsOk = !target.equals("article-service")
				|| statuses.keySet().stream().noneMatch(kind -> kind.startsWith("read ") && !kind.equals("read 200"));
		if (target.equals("article-service")) {
			System.out.printf("  article reads during the outage all 200 (served stale by the edge cache): %s%n", readsOk ? "PASS" : "FAIL");
		}
		// Issue #21: without MongoDB a write answers 503 within its 2 s deadline (plus the hops), and writes are
		// accepted again once the database is back.
		boolean deadlineOk = true;
		if (target.equals("mongo")) {
			for (String kind : List.of("diagnosis", "subscription")) {
				List<Answer> refused = answers.stream().filter(a -> a.kind().equals(kind) && a.status() == 503).toList();
				double slowest = refused.stream().mapToLong(Answer::nanos).max().orElse(0) / 1e6;
				Answer resumed = answers.stream()
					.filter(a -> a.kind().equals(kind) && a.status() == (kind.equals("diagnosis") ? 201 : 202)
							&& a.sentNanos() > TimeUnit.SECONDS.toNanos(startAt))
					.findFirst().orElse(null);
				boolean ok = slowest <= 2500 && resumed != null;
				deadlineOk &= ok;
				System.out.printf("  %s: %d answered 503, the slowest in %.0f ms (deadline 2 s); accepted again %s: %s%n", kind,
						refused.size(), slowest, (resumed == null) ? "never"
								: String.format("%.1f s after the restart", (resumed.sentNanos() / 1e9) - startAt),
						ok ? "PASS" : "FAIL");
			}
		}
		boolean passed = leadsOk && viewsOk && subscriptionsOk && readsOk && deadlineOk;
		System.out.println("RESULT " + target + " " + (passed ? "PASS" : "FAIL"));
		System.exit(passed ? 0 : 1);
	}

	static void hook(String action, String target) throws Exception {
		Process process = new ProcessBuilder("./platform", action, target).inheritIO().start();
		process.waitFor(120, TimeUnit.SECONDS);
		System.out.println("  (" + action + " " + target + ")");
	}

	static HttpResponse<String> post(String url, String json, String visitor) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (visitor != null) {
			request.header("X-Visitor-Id", visitor);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String get(String url, String token) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
			.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? response.body() : null;
	}

	/** One request of the load: what, its status (0: no answer), when it was sent (since the load began), how long it took. */
	record Answer(String kind, int status, long sentNanos, long nanos) {
	}

	/** The total once ranking-service answers it (the first seconds after a start may still be 503). */
	static long viewsOnceReady(String gateway, String articleId) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try {
				return views(gateway, articleId);
			}
			catch (IllegalStateException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(500);
			}
		}
	}

	static long views(String gateway, String articleId) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/views/" + articleId))
			.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
		Matcher views = Pattern.compile("\"views\":(\\d+)").matcher(response.body());
		if (response.statusCode() != 200 || !views.find()) {
			throw new IllegalStateException("views unavailable");
		}
		return Long.parseLong(views.group(1));
	}

	static long pending(String gateway, String editor) throws Exception {
		String stats = get(gateway + "/api/admin/newsletter/stats", editor);
		Matcher pending = Pattern.compile("\"pending\":(\\d+)").matcher(stats == null ? "" : stats);
		if (!pending.find()) {
			throw new IllegalStateException("stats unavailable");
		}
		return Long.parseLong(pending.group(1));
	}

	static String diagnosis(String company, int n) {
		StringBuilder answers = new StringBuilder();
		for (String key : List.of("strategy_vision", "strategy_sponsor", "strategy_budget", "data_platform", "data_quality", "data_knowledge",
				"tech_infra", "tech_ops", "tech_integration", "talent_team", "talent_literacy", "talent_collaboration", "app_scenarios",
				"app_value", "app_scale", "gov_policy", "gov_security", "gov_risk")) {
			answers.append(answers.isEmpty() ? "" : ",").append('"').append(key).append("\":").append(1 + n % 5);
		}
		return "{\"company\":{\"name\":\"" + company + "\",\"industry\":\"finance\",\"size\":\"51-200\"},\"answers\":{" + answers
				+ "},\"contact\":{\"name\":\"演练\",\"email\":\"" + company + "@example.com\"},\"consent\":true}";
	}

	static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1e6;
	}

}
