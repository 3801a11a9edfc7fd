package com.accesspath.devstack;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

/**
 * Runs devstack as its own process for {@code ./platform up}. Also hosts the launcher's
 * small tools, so the launcher needs nothing but a JDK: {@code token ROLE},
 * {@code wait-healthy URL...} and {@code seed-views}.
 */
public final class DevStackMain {

	private DevStackMain() {
	}

	public static void main(String[] args) throws Exception {
		String command = args.length > 0 ? args[0] : "run";
		switch (command) {
			case "run" -> run();
			case "token" ->
				System.out.println(LocalTokens.fromEnvironment().issue(args.length > 1 ? args[1] : "ADMIN"));
			case "wait-healthy" -> System.exit(LauncherTools.waitHealthy(Arrays.copyOfRange(args, 1, args.length)));
			case "control" -> System.exit(LauncherTools.control(Integer.parseInt(env("DEVSTACK_CONTROL_PORT", "7070")),
					args.length > 2 ? args[1] + "/" + args[2] : ""));
			case "mail" -> System.exit(LocalMail.show(Path.of(env("DEVSTACK_DATA_DIR", "data")).resolve("mail"),
					args.length > 1 ? Integer.parseInt(args[1]) : 3));
			case "seed-views" ->
				System.exit(LauncherTools.seedViews(args.length > 1 ? args[1] : "http://localhost:8081",
						args.length > 2 ? args[2] : "http://localhost:8082",
						args.length > 3 ? Path.of(args[3]) : null));
			default -> {
				System.err.println(
						"usage: devstack [run | token ROLE | mail [N] | control redis|mongo stop|start | wait-healthy URL... | seed-views ARTICLE_URL RANKING_URL SEED_FILE]");
				System.exit(2);
			}
		}
	}

	private static void run() throws Exception {
		int mongoPort = Integer.parseInt(env("DEVSTACK_MONGO_PORT", "27017"));
		int redisPort = Integer.parseInt(env("DEVSTACK_REDIS_PORT", "6379"));
		Path data = Path.of(env("DEVSTACK_DATA_DIR", "data"));
		int smtpPort = Integer.parseInt(env("DEVSTACK_SMTP_PORT", "3025"));
		DevStack stack = DevStack.startPersistent(mongoPort, redisPort, data);
		LocalMail mail = new LocalMail(smtpPort, data.resolve("mail"));
		// For fault drills (bench/drills): stop and start Redis or MongoDB without
		// touching anything else.
		HttpServer control = HttpServer
			.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(env("DEVSTACK_CONTROL_PORT", "7070"))), 0);
		control.createContext("/", exchange -> {
			String action = exchange.getRequestURI().getPath();
			int status = 200;
			switch (action) {
				case "/redis/stop" -> stack.stopRedis();
				case "/redis/start" -> stack.startRedis();
				case "/mongo/stop" -> stack.stopMongo();
				case "/mongo/start" -> stack.startMongo();
				default -> status = 404;
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		control.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			control.stop(0);
			mail.close();
			stack.close();
			stopped.countDown();
		}, "devstack-shutdown"));
		System.out.println("devstack ready: MongoDB protocol on " + stack.mongoUri("") + " (H2 file under "
				+ data.toAbsolutePath() + "), Redis on " + stack.redisUrl() + ", SMTP on 127.0.0.1:" + smtpPort
				+ " (mail kept in " + data.resolve("mail") + ")");
		stopped.await();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
