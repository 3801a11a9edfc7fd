import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A Redis fault drill against ranking-service alone (bench/drills: redis-wipe, redis-cluster-master). A steady load of
 * views (a new visitor each, a handful of articles) for 30 s; the fault at 5 s; then checks every article's total
 * (GET /api/views/{id}) and its views in the 24 h hot list against the views ranking-service accepted (answers with
 * counted=true) plus what it had before. Every loss is measured and printed, never rounded away.
 *
 * <ul>
 * <li>redis-wipe: the standalone Redis loses its data (FLUSHALL), then is restarted through devstack's control
 * ({@code /redis/stop}, {@code /redis/start}). ranking-service restores totals and hot-list hours from its MongoDB
 * snapshot; what it promises to lose at most is the views accepted since the last snapshot, so an article FAILs when
 * it lost more than the views accepted in one snapshot interval before the wipe.</li>
 * <li>redis-cluster-master: the master serving the first slots is killed (the control's {@code /master/0/stop}), its
 * replica takes over; at 15 s the old master is started again ({@code /node/<port>/start}) and rejoins as a replica.
 * Nothing should be lost but what asynchronous replication had not yet copied when the master died: an article FAILs
 * when it lost more than the views accepted for it in the last second before the kill. The failures clients saw and
 * how long they lasted are printed.</li>
 * </ul>
 * A total above the views accepted is printed too: a view answered with an error may still have been stored (its
 * visitor's marker makes a retry count nothing); more than the views that failed is a FAIL.
 *
 * java bench/RankingDrill.java redis-wipe RANKING_URL REDIS_HOST:PORT DEVSTACK_CONTROL_URL SNAPSHOT_SECONDS SHARDS
 * java bench/RankingDrill.java redis-cluster-master RANKING_URL - CLUSTER_CONTROL_URL SNAPSHOT_SECONDS SHARDS
 */
public class RankingDrill {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static final int SECONDS = 30;

	static final int ARTICLES = 6;

	static final int WORKERS = 4;

	static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

	/** One answered (or failed) view. */
	record View(int article, long sentNanos, long answeredNanos, String outcome) {

		boolean counted() {
			return this.outcome.equals("202 counted");
		}

		boolean failed() {
			return !this.outcome.startsWith("202");
		}

	}

	public static void main(String[] args) throws Exception {
		String target = args[0];
		String ranking = args[1];
		String redis = args[2];
		String control = args[3];
		int snapshotSeconds = Integer.parseInt(args[4]);
		int shards = Integer.parseInt(args[5]);
		boolean cluster = target.equals("redis-cluster-master");
		String run = Long.toString(System.currentTimeMillis(), 36);

		// The articles: spread over the shards; on a cluster two per master, the first two on the master to be killed.
		List<String> masters = cluster ? List.of(get(control + "/nodes").strip().split(",")) : List.of(redis);
		int[] masterOfSlot = cluster ? slotMap(masters.get(0), masters) : new int[16384];
		List<String> articles = new ArrayList<>();
		List<Integer> articleMaster = new ArrayList<>();
		for (int n = 0; articles.size() < ARTICLES; n++) {
			String id = "drill-" + run + "-" + n;
			int shard = shardOf(id, shards);
			int master = masterOfSlot[slot(tagFor(shard, shards))];
			int wantedMaster = cluster ? articles.size() / 2 : 0;
			boolean newShard = articles.stream().noneMatch(a -> shardOf(a, shards) == shard);
			if (master == wantedMaster && newShard) {
				articles.add(id);
				articleMaster.add(master);
			}
		}
		long[] totalsBefore = new long[ARTICLES];
		for (int i = 0; i < ARTICLES; i++) {
			totalsBefore[i] = total(ranking, articles.get(i));
		}
		Map<String, Long> hotBefore = null;
		for (int attempt = 0; hotBefore == null; attempt++) {
			try {
				hotBefore = hotList(ranking).views();
			}
			catch (Exception ex) {
				// No list published yet (a fresh start): the publisher runs every few seconds.
				if (attempt == 40) {
					throw ex;
				}
				Thread.sleep(500);
			}
		}

		List<View> views = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger sequence = new AtomicInteger();
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		for (int w = 0; w < WORKERS; w++) {
			workers.submit(() -> {
				while (System.nanoTime() < end) {
					int n = sequence.incrementAndGet();
					int article = n % ARTICLES;
					long sent = System.nanoTime();
					String outcome;
					try {
						HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ranking + "/api/views"))
							.timeout(Duration.ofSeconds(5))
							.header("Content-Type", "application/json")
							.header("X-Visitor-Id", "drill-" + run + "-" + n)
							.POST(HttpRequest.BodyPublishers.ofString("{\"articleId\":\"" + articles.get(article) + "\"}"))
							.build(), HttpResponse.BodyHandlers.ofString());
						outcome = response.statusCode()
								+ ((response.statusCode() == 202) ? (response.body().contains("\"counted\":true") ? " counted" : " not counted") : "");
					}
					catch (Exception ex) {
						outcome = "error (" + ex.getClass().getSimpleName() + ")";
					}
					views.add(new View(article, sent, System.nanoTime(), outcome));
				}
				return null;
			});
		}

		// The fault's timeline.
		Map<String, Long> events = new LinkedHashMap<>();
		String stoppedPort = null;
		sleepUntil(start + TimeUnit.SECONDS.toNanos(5));
		if (cluster) {
			events.put("master 0 killed", System.nanoTime());
			String stopped = get(control + "/master/0/stop").strip();
			stoppedPort = stopped.replaceFirst("^.*:", "");
			System.out.printf("  %s %s%n", at(events.get("master 0 killed")), stopped);
			sleepUntil(start + TimeUnit.SECONDS.toNanos(15));
			events.put("old master started", System.nanoTime());
			System.out.printf("  %s %s%n", at(events.get("old master started")), get(control + "/node/" + stoppedPort + "/start").strip());
		}
		else {
			events.put("FLUSHALL", System.nanoTime());
			System.out.printf("  %s FLUSHALL: %s%n", at(events.get("FLUSHALL")), redisCommand(redis, "FLUSHALL"));
			get(control + "/redis/stop");
			events.put("Redis stopped", System.nanoTime());
			System.out.printf("  %s Redis stopped%n", at(events.get("Redis stopped")));
			get(control + "/redis/start");
			events.put("Redis started", System.nanoTime());
			System.out.printf("  %s Redis started%n", at(events.get("Redis started")));
		}
		workers.shutdown();
		workers.awaitTermination(SECONDS + 30, TimeUnit.SECONDS);
		long loadEnded = System.nanoTime();
		Instant loadEndedAt = Instant.now();
		long faultAt = cluster ? events.get("master 0 killed") : events.get("FLUSHALL");

		List<View> all = new ArrayList<>(views);
		all.sort((a, b) -> Long.compare(a.answeredNanos(), b.answeredNanos()));
		long[] accepted = new long[ARTICLES];
		long[] failedViews = new long[ARTICLES];
		long[] bound = new long[ARTICLES];
		// What may be lost: the views accepted in one snapshot interval before the wipe; on a cluster, in the second
		// before the master died (asynchronous replication).
		long window = cluster ? TimeUnit.SECONDS.toNanos(1) : TimeUnit.SECONDS.toNanos(snapshotSeconds);
		for (View view : all) {
			if (view.counted()) {
				accepted[view.article()]++;
				if (view.answeredNanos() <= faultAt && view.answeredNanos() > faultAt - window) {
					bound[view.article()]++;
				}
			}
			else if (view.failed()) {
				failedViews[view.article()]++;
			}
		}

		// Outcomes, and the failures' timeline: the first and last failure, and how many.
		Map<String, Integer> outcomes = new TreeMap<>();
		all.forEach(view -> outcomes.merge(view.outcome(), 1, Integer::sum));
		List<View> failures = all.stream().filter(View::failed).toList();
		List<Long> latencies = new ArrayList<>(all.stream().map(v -> v.answeredNanos() - v.sentNanos()).toList());
		Collections.sort(latencies);
		System.out.printf("drill %s: %d views in %d s (%.0f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", target, all.size(),
				SECONDS, all.size() / (double) SECONDS, percentile(latencies, 0.50), percentile(latencies, 0.99),
				percentile(latencies, 1.0));
		outcomes.forEach((outcome, count) -> System.out.printf("  view %-34s %d%n", outcome, count));
		if (!failures.isEmpty()) {
			View first = failures.get(0);
			View last = failures.get(failures.size() - 1);
			System.out.printf("  failed views: %d, the first sent %s (%+.2f s after the fault), the last answered %s: clients saw failures for %.2f s%n",
					failures.size(), at(first.sentNanos()), (first.sentNanos() - faultAt) / 1e9, at(last.answeredNanos()),
					(last.answeredNanos() - first.sentNanos()) / 1e9);
			if (cluster) {
				for (int m = 0; m < masters.size(); m++) {
					int master = m;
					List<View> mine = failures.stream().filter(v -> articleMaster.get(v.article()) == master).toList();
					System.out.printf("    of articles on master %d (%s%s): %d%s%n", m, masters.get(m),
							(m == 0) ? ", the one killed" : "", mine.size(), mine.isEmpty() ? ""
									: String.format(", the last answered %.2f s after the kill",
											(mine.get(mine.size() - 1).answeredNanos() - faultAt) / 1e9));
				}
			}
			printFailureSeconds(failures, start);
		}
		else {
			System.out.println("  no view failed");
		}
		printSeconds(all, start, articleMaster, cluster ? masters.size() : 1);

		// Totals: until they are as expected, or have not moved for 15 s (a restore may take a few intervals).
		long[] totals = new long[ARTICLES];
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		long stableSince = System.nanoTime();
		long[] previous = null;
		while (true) {
			boolean exact = true;
			for (int i = 0; i < ARTICLES; i++) {
				try {
					totals[i] = total(ranking, articles.get(i));
				}
				catch (Exception ex) {
					totals[i] = -1;
				}
				exact &= totals[i] == totalsBefore[i] + accepted[i];
			}
			if (previous == null || !Arrays.equals(previous, totals)) {
				stableSince = System.nanoTime();
				previous = totals.clone();
			}
			if (exact || System.nanoTime() > deadline || System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(15)) {
				break;
			}
			Thread.sleep(500);
		}
		System.out.printf("  totals (GET /api/views/{id}), %.1f s after the load:%n", (System.nanoTime() - loadEnded) / 1e9);
		boolean totalsOk = check(articles, articleMaster, cluster, totalsBefore, accepted, failedViews, bound, totals,
				cluster ? "accepted in the second before the kill" : "accepted in the " + snapshotSeconds + " s before the wipe");

		// The 24 h hot list: once published after the load ended, until as expected or unchanged for 12 s.
		long[] hot = new long[ARTICLES];
		long[] hotPrevious = null;
		long[] hotBase = new long[ARTICLES];
		for (int i = 0; i < ARTICLES; i++) {
			hotBase[i] = hotBefore.getOrDefault(articles.get(i), 0L);
		}
		deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		stableSince = System.nanoTime();
		Instant generatedAt = null;
		while (true) {
			HotList list;
			try {
				list = hotList(ranking);
			}
			catch (Exception ex) {
				Thread.sleep(500);
				continue;
			}
			generatedAt = list.generatedAt();
			if (generatedAt != null && generatedAt.isAfter(loadEndedAt.plusSeconds(1))) {
				boolean exact = true;
				for (int i = 0; i < ARTICLES; i++) {
					hot[i] = list.views().getOrDefault(articles.get(i), 0L);
					exact &= hot[i] == hotBase[i] + accepted[i];
				}
				if (hotPrevious == null || !Arrays.equals(hotPrevious, hot)) {
					stableSince = System.nanoTime();
					hotPrevious = hot.clone();
				}
				if (exact || System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(12)) {
					break;
				}
			}
			if (System.nanoTime() > deadline) {
				break;
			}
			Thread.sleep(500);
		}
		System.out.printf("  24 h hot list (GET /api/rankings/hot?window=24h), published %s:%n", generatedAt);
		boolean hotOk = check(articles, articleMaster, cluster, hotBase, accepted, failedViews, bound, hot,
				cluster ? "accepted in the second before the kill" : "accepted in the " + snapshotSeconds + " s before the wipe");

		boolean passed = totalsOk && hotOk;
		System.out.println("RESULT " + target + " " + (passed ? "PASS" : "FAIL"));
		System.exit(passed ? 0 : 1);
	}

	/** Prints one line per article; PASS when it lost no more than its bound and gained no more than its failures. */
	static boolean check(List<String> articles, List<Integer> articleMaster, boolean cluster, long[] before,
			long[] accepted, long[] failed, long[] bound, long[] actual, String boundName) {
		boolean ok = true;
		long lost = 0;
		long gained = 0;
		for (int i = 0; i < articles.size(); i++) {
			long expected = before[i] + accepted[i];
			long difference = actual[i] - expected;
			boolean articleOk = (difference <= 0) ? -difference <= bound[i] : difference <= failed[i];
			ok &= articleOk;
			if (difference < 0) {
				lost -= difference;
			}
			else {
				gained += difference;
			}
			System.out.printf("    %s%s: %d before + %d accepted = %d expected, %d found: %s%s%n", articles.get(i),
					cluster ? " (master " + articleMaster.get(i) + ")" : "", before[i], accepted[i], expected, actual[i],
					(difference == 0) ? "exact"
							: (difference < 0) ? (-difference) + " lost (at most " + bound[i] + " allowed: " + boundName + ")"
									: difference + " more (of " + failed[i] + " views answered with an error)",
					articleOk ? " PASS" : " FAIL");
		}
		System.out.printf("    lost %d, more %d: %s%n", lost, gained, ok ? "PASS" : "FAIL");
		return ok;
	}

	/**
	 * From 2 s before the fault to 12 s after it, per second of the load (by when a view was sent) and per master of
	 * its article: views answered 202, failed, and the slowest answer; how an outage of one master shows on the others.
	 */
	static void printSeconds(List<View> all, long start, List<Integer> articleMaster, int masters) {
		System.out.println("  per second of the load (views sent then): answered 202 / failed, slowest ms"
				+ ((masters > 1) ? ", for the articles of each master" : ""));
		for (long second = 3; second <= 17 && second < SECONDS; second++) {
			StringBuilder line = new StringBuilder(String.format("    second %2d:", second));
			for (int m = 0; m < masters; m++) {
				long ok = 0;
				long failed = 0;
				long slowest = 0;
				for (View view : all) {
					if ((view.sentNanos() - start) / 1_000_000_000L == second && articleMaster.get(view.article()) == m) {
						if (view.failed()) {
							failed++;
						}
						else {
							ok++;
						}
						slowest = Math.max(slowest, view.answeredNanos() - view.sentNanos());
					}
				}
				line.append(String.format("%s %5d / %d, %5.0f ms", (m == 0) ? "" : "  |", ok, failed, slowest / 1e6));
			}
			System.out.println(line);
		}
	}

	/** Failures per second of the load, so the outage's shape shows. */
	static void printFailureSeconds(List<View> failures, long start) {
		Map<Long, Map<String, Integer>> perSecond = new TreeMap<>();
		for (View view : failures) {
			perSecond.computeIfAbsent((view.sentNanos() - start) / 1_000_000_000L, s -> new TreeMap<>())
				.merge(view.outcome(), 1, Integer::sum);
		}
		perSecond.forEach((second, outcomes) -> System.out.printf("    second %2d of the load: %s%n", second, outcomes));
	}

	record HotList(Instant generatedAt, Map<String, Long> views) {
	}

	private static final Pattern ITEM = Pattern
		.compile("\\{\"rank\":\\d+,\"article\":\\{\"id\":\"([^\"]+)\".*?\\},\"views\":(\\d+),\"totalViews\":(\\d+)\\}");

	private static final Pattern GENERATED = Pattern.compile("\"generatedAt\":\"([^\"]+)\"");

	static HotList hotList(String ranking) throws Exception {
		String body = get(ranking + "/api/rankings/hot?window=24h&limit=50");
		Map<String, Long> views = new HashMap<>();
		Matcher item = ITEM.matcher(body);
		while (item.find()) {
			views.put(item.group(1), Long.parseLong(item.group(2)));
		}
		Matcher generated = GENERATED.matcher(body);
		return new HotList(generated.find() ? Instant.parse(generated.group(1)) : null, views);
	}

	static long total(String ranking, String article) throws Exception {
		String body = get(ranking + "/api/views/" + article);
		Matcher m = Pattern.compile("\"views\":(\\d+)").matcher(body);
		if (!m.find()) {
			throw new IllegalStateException("GET /api/views/" + article + " answered " + body);
		}
		return Long.parseLong(m.group(1));
	}

	static String get(String url) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	static void sleepUntil(long nanos) throws InterruptedException {
		long left = nanos - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	/** Wall-clock time of a System.nanoTime() reading. */
	static String at(long nanos) {
		return CLOCK.format(Instant.now().minusNanos(System.nanoTime() - nanos));
	}

	static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
	}

	// ranking-service's RankingKeys.shardOf and tagFor, and Redis Cluster's key slot.
	static int shardOf(String articleId, int shards) {
		CRC32 crc = new CRC32();
		crc.update(articleId.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % shards);
	}

	static String tagFor(int shard, int shardCount) {
		int from = (int) ((long) shard * 16384 / shardCount);
		int to = (int) ((long) (shard + 1) * 16384 / shardCount);
		for (int n = 0;; n++) {
			String tag = "s" + shard + "." + n;
			int slot = slot(tag);
			if (slot >= from && slot < to) {
				return tag;
			}
		}
	}

	static int slot(String key) {
		int crc = 0;
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			crc ^= (b & 0xff) << 8;
			for (int i = 0; i < 8; i++) {
				crc = ((crc & 0x8000) != 0) ? ((crc << 1) ^ 0x1021) : (crc << 1);
				crc &= 0xffff;
			}
		}
		return crc % 16384;
	}

	/** Which of {@code masters} (by index) serves each slot, from CLUSTER SLOTS. */
	static int[] slotMap(String node, List<String> masters) throws IOException {
		int[] map = new int[16384];
		Object reply = command(node, "CLUSTER", "SLOTS");
		for (Object r : (List<?>) reply) {
			List<?> range = (List<?>) r;
			List<?> master = (List<?>) range.get(2);
			int index = masters.indexOf(master.get(0) + ":" + master.get(1));
			Arrays.fill(map, ((Long) range.get(0)).intValue(), ((Long) range.get(1)).intValue() + 1, index);
		}
		return map;
	}

	static String redisCommand(String node, String... parts) throws IOException {
		return String.valueOf(command(node, parts));
	}

	/** One command over RESP on a new connection; its reply (strings, longs, lists). */
	static Object command(String node, String... parts) throws IOException {
		int colon = node.lastIndexOf(':');
		try (Socket socket = new Socket(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1)))) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
			for (String part : parts) {
				resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
			}
			out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			return read(new BufferedInputStream(socket.getInputStream()));
		}
	}

	static Object read(InputStream in) throws IOException {
		int type = in.read();
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != '\r') {
			if (c < 0) {
				throw new IOException("connection closed");
			}
			line.append((char) c);
		}
		in.read();
		switch (type) {
			case '+':
				return line.toString();
			case '-':
				throw new IOException("Redis error: " + line);
			case ':':
				return Long.parseLong(line.toString());
			case '$': {
				int length = Integer.parseInt(line.toString());
				if (length < 0) {
					return null;
				}
				byte[] bytes = in.readNBytes(length + 2);
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			case '*': {
				int count = Integer.parseInt(line.toString());
				List<Object> list = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					list.add(read(in));
				}
				return list;
			}
			default:
				throw new IOException("unexpected reply type " + (char) type);
		}
	}

}
