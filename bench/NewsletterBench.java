import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * newsletter-service's digest at scale (bench/newsletter; issue #20, "Speed and scale"). Runs with the libraries of
 * newsletter-service's extracted jar on the class path (the MongoDB driver):
 * <ul>
 * <li>{@code sink SMTP_PORT HTTP_PORT FILE}: an SMTP server that keeps no message: per message it appends the arrival
 * time (ms), the RCPT address and the Message-ID to FILE (one line each, written before the 250 reply, so a mail the
 * sender saw accepted is always in FILE). HTTP_PORT answers {@code /count} (messages so far) and stands in for
 * article-service and ranking-service ({@code /api/articles}, {@code /api/rankings/hot}, {@code /api/categories}):
 * every digest carries 8 articles and 5 hot ones, as a real one would.</li>
 * <li>{@code seed MONGODB_URI N}: N confirmed weekly subscribers ({@code reader-000001@bench.accesspath.test}, ...)
 * inserted in bulk into {@code subscribers}, shaped as newsletter-service stores them.</li>
 * <li>{@code report FILE N RATE}: who got how many mails: exactly once, duplicates (same Message-ID, or not), missing,
 * strangers; first to last arrival, mails/s, and the most mails in any 1-second window against RATE.</li>
 * <li>{@code probe MONGODB_URI RUN_ID}: the time of each query shape the digest sends per mail, against the database
 * as the run left it (mongo-java-server has no secondary indexes; see bench/results).</li>
 * </ul>
 */
public class NewsletterBench {

	static final String DOMAIN = "@bench.accesspath.test";

	public static void main(String[] args) throws Exception {
		// The MongoDB driver's INFO lines (its settings, at every connection) are not the bench's output.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		switch (args[0]) {
			case "sink" -> sink(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
			case "seed" -> seed(args[1], Integer.parseInt(args[2]));
			case "report" -> report(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "probe" -> probe(args[1], args[2]);
			case "fill-outbox" -> fillOutbox(args[1], args[2]);
			case "state" -> state(args[1], args[2]);
			default -> throw new IllegalArgumentException("sink | seed | report | probe");
		}
	}

	static String email(int i) {
		return String.format("reader-%06d%s", i, DOMAIN);
	}

	// ---------------------------------------------------------------- sink

	static BufferedWriter arrivals;

	static final AtomicLong received = new AtomicLong();

	static void sink(int smtpPort, int httpPort, Path file) throws IOException {
		arrivals = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING);
		HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 0);
		http.createContext("/", NewsletterBench::site);
		http.setExecutor(Executors.newFixedThreadPool(2));
		http.start();
		ExecutorService connections = Executors.newCachedThreadPool();
		try (ServerSocket server = new ServerSocket()) {
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), smtpPort), 256);
			System.out.println("sink ready: SMTP on " + smtpPort + ", HTTP on " + httpPort + ", arrivals in " + file);
			while (true) {
				Socket socket = server.accept();
				connections.execute(() -> converse(socket));
			}
		}
	}

	static void converse(Socket socket) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
			OutputStream out = socket.getOutputStream();
			reply(out, "220 bench-sink ESMTP");
			List<String> recipients = new ArrayList<>();
			String line;
			while ((line = readLine(in)) != null) {
				String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO" -> reply(out, "250-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
					case "HELO", "NOOP" -> reply(out, "250 OK");
					case "MAIL", "RSET" -> {
						recipients.clear();
						reply(out, "250 OK");
					}
					case "RCPT" -> {
						int open = line.indexOf('<');
						int close = line.indexOf('>', open + 1);
						recipients.add((open >= 0 && close > open) ? line.substring(open + 1, close) : line.substring(8).trim());
						reply(out, "250 OK");
					}
					case "DATA" -> {
						reply(out, "354 end with .");
						String messageId = readData(in);
						long at = System.currentTimeMillis();
						// Recorded before the 250: a mail its sender saw accepted is in the file.
						synchronized (NewsletterBench.class) {
							for (String to : recipients) {
								arrivals.write(at + "\t" + to + "\t" + messageId + "\n");
							}
							arrivals.flush();
						}
						received.addAndGet(recipients.size());
						recipients.clear();
						reply(out, "250 OK");
					}
					case "QUIT" -> {
						reply(out, "221 bye");
						return;
					}
					default -> reply(out, "502 not implemented");
				}
			}
		}
		catch (IOException ex) {
			// The sender went away (a killed replica): its unfinished message is not a message.
		}
	}

	/** Reads a message up to the line with one dot; returns its Message-ID (or "-"). */
	static String readData(InputStream in) throws IOException {
		String messageId = "-";
		boolean headers = true;
		String line;
		while ((line = readLine(in)) != null) {
			if (line.equals(".")) {
				return messageId;
			}
			if (headers) {
				if (line.isEmpty()) {
					headers = false;
				}
				else if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
					messageId = line.substring(11).trim();
				}
			}
		}
		throw new IOException("connection closed in DATA");
	}

	static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		return null;
	}

	static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	static void site(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body;
		int status = 200;
		if (path.equals("/count")) {
			body = String.valueOf(received.get());
		}
		else if (path.equals("/api/articles")) {
			StringBuilder items = new StringBuilder();
			for (int i = 1; i <= 8; i++) {
				items.append(i > 1 ? "," : "").append(article(i));
			}
			body = "{\"items\":[" + items + "],\"total\":8}";
		}
		else if (path.equals("/api/rankings/hot")) {
			StringBuilder items = new StringBuilder();
			for (int i = 1; i <= 5; i++) {
				items.append(i > 1 ? "," : "")
					.append("{\"rank\":")
					.append(i)
					.append(",\"article\":")
					.append(article(10 + i))
					.append(",\"views\":")
					.append(1000 - i * 100)
					.append('}');
			}
			body = "{\"items\":[" + items + "]}";
		}
		else if (path.equals("/api/categories")) {
			body = "[]";
		}
		else {
			status = 404;
			body = "{}";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static String article(int i) {
		return "{\"id\":\"bench-" + i + "\",\"slug\":\"bench-article-" + i + "\",\"title\":\"基准测试文章 " + i
				+ ":企业如何落地大模型\",\"summary\":\"第 " + i + " 篇用于基准测试的文章,讨论大模型、数据治理与组织变革。\"}";
	}

	// ---------------------------------------------------------------- seed

	static void seed(String uri, int n) {
		long started = System.nanoTime();
		try (MongoClient client = MongoClients.create(uri)) {
			MongoCollection<Document> subscribers = client.getDatabase("newsletter").getCollection("subscribers");
			long existing = subscribers.countDocuments();
			if (existing > 0) {
				throw new IllegalStateException("subscribers holds " + existing + " documents already");
			}
			Date now = Date.from(Instant.now());
			List<Document> batch = new ArrayList<>();
			for (int i = 1; i <= n; i++) {
				batch.add(new Document("_id", new ObjectId()).append("email", email(i))
					.append("status", "CONFIRMED")
					.append("topics", List.of())
					.append("frequency", "WEEKLY")
					.append("consents",
							List.of(new Document("at", now).append("ip", "127.0.0.1")
								.append("userAgent", "bench/newsletter")
								.append("textVersion", "2026-01")))
					.append("createdAt", now)
					.append("confirmedAt", now)
					.append("_class", "com.accesspath.newsletter.subscription.Subscriber"));
				if (batch.size() == 1000 || i == n) {
					subscribers.insertMany(batch);
					batch.clear();
				}
			}
			System.out.printf("seeded %d confirmed weekly subscribers in %.1f s%n", n,
					(System.nanoTime() - started) / 1e9);
		}
	}

	// ---------------------------------------------------------------- report

	static void report(Path file, int n, int rate) throws IOException {
		Map<String, List<String>> byRecipient = new HashMap<>(n * 2);
		List<Long> times = new ArrayList<>(n + 1000);
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			String[] parts = line.split("\t", 3);
			if (parts.length < 3) {
				continue;
			}
			times.add(Long.parseLong(parts[0]));
			byRecipient.computeIfAbsent(parts[1], k -> new ArrayList<>(1)).add(parts[2]);
		}
		long once = 0;
		long duplicateMails = 0;
		long duplicatedRecipients = 0;
		long sameIdDuplicates = 0;
		long missing = 0;
		List<String> missingSample = new ArrayList<>();
		for (int i = 1; i <= n; i++) {
			List<String> ids = byRecipient.remove(email(i));
			if (ids == null) {
				missing++;
				if (missingSample.size() < 5) {
					missingSample.add(email(i));
				}
			}
			else if (ids.size() == 1) {
				once++;
			}
			else {
				duplicatedRecipients++;
				duplicateMails += ids.size() - 1;
				sameIdDuplicates += ids.size() - ids.stream().distinct().count();
			}
		}
		long strangers = byRecipient.values().stream().mapToLong(List::size).sum();
		long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
		long peak = 0;
		long peakAt = 0;
		for (int start = 0, end = 0; end < sorted.length; end++) {
			while (sorted[end] - sorted[start] >= 1000) {
				start++;
			}
			if (end - start + 1 > peak) {
				peak = end - start + 1;
				peakAt = sorted[start];
			}
		}
		double span = (sorted.length > 1) ? (sorted[sorted.length - 1] - sorted[0]) / 1000.0 : 0;
		System.out.printf("mails received: %d (subscribers %d)%n", times.size(), n);
		System.out.printf("mailed exactly once: %d%n", once);
		System.out.printf("mailed more than once: %d subscribers, %d extra mails (%d of them with the same Message-ID)%n",
				duplicatedRecipients, duplicateMails, sameIdDuplicates);
		System.out.printf("missing: %d%s%n", missing, missingSample.isEmpty() ? "" : " e.g. " + missingSample);
		System.out.printf("mails to addresses not seeded: %d%n", strangers);
		if (sorted.length > 0) {
			System.out.printf("first to last arrival: %.1f s (%s .. %s)%n", span, Instant.ofEpochMilli(sorted[0]),
					Instant.ofEpochMilli(sorted[sorted.length - 1]));
			System.out.printf("mails/s over that span: %.1f%n", (span > 0) ? (sorted.length - 1) / span : 0);
			System.out.printf("most mails in any 1 s window: %d (from %s; configured rate %d/s)%n", peak,
					Instant.ofEpochMilli(peakAt), rate);
		}
		System.out.printf("verdict: %s%n",
				(missing == 0 && duplicateMails == 0 && strangers == 0 && peak <= rate + 1) ? "every subscriber mailed exactly once, within the rate"
						: (missing == 0 ? "no subscriber missing" : "SUBSCRIBERS MISSING"));
	}

	// ---------------------------------------------------------------- state

	/**
	 * Where a run stands in MongoDB: its document, its outbox mails by state and its subscribers by the state their
	 * document records (what explains a run that did not reach DONE).
	 */
	static void state(String uri, String runId) {
		try (MongoClient client = MongoClients.create(uri)) {
			MongoDatabase db = client.getDatabase("newsletter");
			Document run = db.getCollection("digestRuns").find(Filters.eq("_id", runId)).first();
			System.out.println("run document: " + ((run != null) ? run.toJson() : "none"));
			Map<String, Integer> mails = new java.util.TreeMap<>();
			for (Document mail : db.getCollection("outbox")
				.find(Filters.eq("runId", runId))
				.projection(new Document("state", 1))) {
				mails.merge(mail.getString("state"), 1, Integer::sum);
			}
			System.out.println("outbox mails of the run by state: " + mails);
			Map<String, Integer> subscribers = new java.util.TreeMap<>();
			for (Document subscriber : db.getCollection("subscribers").find().projection(new Document("digests", 1))) {
				Document digests = subscriber.get("digests", Document.class);
				Object state = (digests != null) ? digests.get(runId) : null;
				subscribers.merge(String.valueOf(state), 1, Integer::sum);
			}
			System.out.println("subscribers by their record of the run: " + subscribers);
		}
	}

	// ---------------------------------------------------------------- probe

	/**
	 * A digest run a third of the way through, as the outbox and subscribers hold it then: one mail per subscriber,
	 * the first third SENT (and marked so on the subscriber), the rest QUEUED (marked QUEUED); shaped as OutboxMail.
	 */
	static void fillOutbox(String uri, String runId) {
		long started = System.nanoTime();
		try (MongoClient client = MongoClients.create(uri)) {
			MongoDatabase db = client.getDatabase("newsletter");
			MongoCollection<Document> subscribers = db.getCollection("subscribers");
			MongoCollection<Document> outbox = db.getCollection("outbox");
			List<Document> all = subscribers.find().projection(new Document("email", 1)).into(new ArrayList<>());
			Date now = Date.from(Instant.now());
			java.security.SecureRandom random = new java.security.SecureRandom();
			List<Document> batch = new ArrayList<>();
			for (int i = 0; i < all.size(); i++) {
				ObjectId subscriber = all.get(i).getObjectId("_id");
				boolean sent = i < all.size() / 3;
				byte[] tag = new byte[16];
				random.nextBytes(tag);
				Document mail = new Document("_id", java.util.HexFormat.of().formatHex(tag))
					.append("key", "digest:" + runId + ":" + subscriber.toHexString())
					.append("kind", "DIGEST")
					.append("to", all.get(i).getString("email"))
					.append("subscriberId", subscriber.toHexString())
					.append("runId", runId)
					.append("state", sent ? "SENT" : "QUEUED")
					.append("createdAt", now)
					.append("dueAt", now)
					.append("attempts", sent ? 1 : 0)
					.append("_class", "com.accesspath.newsletter.outbox.OutboxMail");
				if (sent) {
					mail.append("settledAt", now);
				}
				batch.add(mail);
				if (batch.size() == 1000 || i == all.size() - 1) {
					outbox.insertMany(batch);
					batch.clear();
				}
			}
			subscribers.updateMany(Filters.empty(), Updates.set("digests." + runId, "QUEUED"));
			System.out.printf("outbox filled with %d mails of %s (a third SENT) in %.1f s%n", all.size(), runId,
					(System.nanoTime() - started) / 1e9);
		}
	}

	/** Each query shape of a digest mail, timed against the database as the run left it (median of a few). */
	static void probe(String uri, String runId) {
		try (MongoClient client = MongoClients.create(uri)) {
			MongoDatabase db = client.getDatabase("newsletter");
			MongoCollection<Document> subscribers = db.getCollection("subscribers");
			MongoCollection<Document> outbox = db.getCollection("outbox");
			Document anySubscriber = subscribers.find().first();
			Document anyMail = outbox.find().first();
			if (anySubscriber == null || anyMail == null) {
				throw new IllegalStateException("nothing to probe: run the digest first");
			}
			ObjectId subscriberId = anySubscriber.getObjectId("_id");
			String mailId = anyMail.getString("_id");
			System.out.printf("collections: subscribers %d, outbox %d documents%n", subscribers.countDocuments(),
					outbox.countDocuments());
			long byId = time("subscribers find by _id (compose: findById)", () -> subscribers.find(Filters.eq("_id", subscriberId)).first());
			long candidates = time("subscribers findDigestCandidates (status, frequency, digests.<run> absent, _id > x, sort _id, limit 200; per 200 queued)",
					() -> subscribers.find(Filters.and(Filters.eq("status", "CONFIRMED"), Filters.eq("frequency", "WEEKLY"),
							Filters.exists("digests." + runId + "-probe", false), Filters.gt("_id", subscriberId)))
						.sort(Sorts.ascending("_id"))
						.limit(200)
						.into(new ArrayList<>()));
			long queuedMark = time("subscribers markDigestQueued (update _id + digests.<run> absent; per mail queued)",
					() -> subscribers.updateOne(Filters.and(Filters.eq("_id", subscriberId), Filters.exists("digests." + runId + "-probe", false)),
							Updates.unset("probe")));
			long settledMark = time("subscribers markDigest (update by _id alone; per mail settled)",
					() -> subscribers.updateOne(Filters.eq("_id", subscriberId), Updates.unset("probe")));
			long due = time("outbox due (state in [QUEUED,SENDING], dueAt <= now, sort dueAt, limit 50; per 50 sent)",
					() -> outbox.find(Filters.and(Filters.in("state", "QUEUED", "SENDING"), Filters.lte("dueAt", new Date())))
						.sort(Sorts.ascending("dueAt"))
						.limit(50)
						.into(new ArrayList<>()));
			long claim = time("outbox claim (findAndModify _id + state in + dueAt <= now; per mail sent)",
					() -> outbox.findOneAndUpdate(Filters.and(Filters.eq("_id", mailId), Filters.in("state", "QUEUED", "SENDING"),
							Filters.lte("dueAt", new Date(0))), Updates.unset("probe")));
			long settle = time("outbox settle (update _id + state SENDING + attempts; per mail sent)",
					() -> outbox.updateOne(Filters.and(Filters.eq("_id", mailId), Filters.eq("state", "SENDING"), Filters.eq("attempts", -1)),
							Updates.unset("probe")));
			time("outbox find by _id alone (what an _id-only claim would cost)",
					() -> outbox.find(Filters.eq("_id", mailId)).first());
			double perMail = claim + settle + queuedMark + settledMark + byId + due / 50.0 + candidates / 200.0;
			System.out.printf("per mail, one claim each (queue, claim, compose, settle; due and candidates shared by"
					+ " their batch): %.0f ms of server time -> %.1f h for 100,000 mails one query at a time%n", perMail,
					perMail * 100_000 / 3_600_000.0);
		}
	}

	static long time(String what, Runnable query) {
		long[] ms = new long[5];
		for (int i = 0; i < ms.length; i++) {
			long started = System.nanoTime();
			query.run();
			ms[i] = (System.nanoTime() - started) / 1_000_000;
		}
		Arrays.sort(ms);
		System.out.printf("  %6d ms  %s%n", ms[ms.length / 2], what);
		return ms[ms.length / 2];
	}

}
