package com.accesspath.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

/**
 * Runs devstack as its own process for {@code ./platform up}. Also hosts the launcher's
 * small tools, so the launcher needs nothing but a JDK: {@code token ROLE},
 * {@code wait-healthy URL...} and {@code seed-views}. {@code redis-cluster} runs a Redis
 * Cluster for fault drills instead.
 */
public final class DevStackMain {

	private DevStackMain() {
	}

	/**
	 * A local token for the role; for someone in particular (a salesperson of the local
	 * roster, {@code li.na}) when a subject is given.
	 */
	private static String token(String role, String subject) {
		LocalTokens tokens = LocalTokens.fromEnvironment();
		return (subject == null) ? tokens.issue(role)
				: tokens.issue(subject, java.util.List.of(role), java.time.Duration.ofHours(12));
	}

	public static void main(String[] args) throws Exception {
		String command = args.length > 0 ? args[0] : "run";
		switch (command) {
			case "run" -> run();
			case "redis-cluster" -> redisCluster();
			case "token" ->
				System.out.println(token(args.length > 1 ? args[1] : "ADMIN", (args.length > 2) ? args[2] : null));
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
						"usage: devstack [run | redis-cluster | token ROLE [SUBJECT] | mail [N] | control redis|mongo stop|start | wait-healthy URL... | seed-views ARTICLE_URL RANKING_URL SEED_FILE]");
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

	/**
	 * A persistent Redis Cluster for fault drills: 3 masters and 3 replicas on
	 * {@code DEVSTACK_REDIS_CLUSTER_PORT} (7001) and the 5 ports after it, data under
	 * {@code DEVSTACK_DATA_DIR/redis-cluster}, controlled over HTTP on
	 * {@code DEVSTACK_CLUSTER_CONTROL_PORT} (7071); see {@link #clusterControl}.
	 */
	private static void redisCluster() throws Exception {
		int basePort = Integer.parseInt(env("DEVSTACK_REDIS_CLUSTER_PORT", "7001"));
		Path data = Path.of(env("DEVSTACK_DATA_DIR", "data")).resolve("redis-cluster");
		int controlPort = Integer.parseInt(env("DEVSTACK_CLUSTER_CONTROL_PORT", "7071"));
		LocalRedisCluster cluster = LocalRedisCluster.start(3, 1, data, basePort);
		HttpServer control = clusterControl(cluster, new InetSocketAddress("127.0.0.1", controlPort));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			control.stop(0);
			cluster.close();
			stopped.countDown();
		}, "devstack-redis-cluster-shutdown"));
		System.out.println("redis cluster ready: " + cluster.nodes());
		stopped.await();
	}

	/**
	 * The drill control of a cluster, started: {@code /nodes} (the masters,
	 * {@code host:port,...}), {@code /master/<i>/stop} (kill the master at index
	 * {@code i}, from 0, of that list), {@code /node/<port>/start}, {@code /flush}
	 * (FLUSHALL on every master), {@code /healthy} (200, or 503 with the reason).
	 */
	static HttpServer clusterControl(LocalRedisCluster cluster, InetSocketAddress address) throws IOException {
		HttpServer control = HttpServer.create(address, 0);
		control.createContext("/", (exchange) -> {
			int status = 200;
			String body;
			try {
				String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
				if (path.length == 1 && path[0].equals("nodes")) {
					body = cluster.nodes();
				}
				else if (path.length == 1 && path[0].equals("flush")) {
					cluster.flushAll();
					body = "flushed";
				}
				else if (path.length == 1 && path[0].equals("healthy")) {
					Optional<String> problem = cluster.unhealthyBecause();
					body = problem.orElse("healthy");
					status = problem.isPresent() ? 503 : 200;
				}
				else if (path.length == 3 && path[0].equals("master") && path[2].equals("stop")
						&& path[1].matches("\\d{1,2}")) {
					List<Integer> masters = cluster.masterPorts();
					int index = Integer.parseInt(path[1]);
					if (index < masters.size()) {
						cluster.stopNode(masters.get(index));
						body = "stopped 127.0.0.1:" + masters.get(index);
					}
					else {
						status = 404;
						body = "no master " + index + ", the masters are " + masters;
					}
				}
				else if (path.length == 3 && path[0].equals("node") && path[2].equals("start")
						&& path[1].matches("\\d{1,5}") && cluster.allPorts().contains(Integer.parseInt(path[1]))) {
					cluster.startNode(Integer.parseInt(path[1]));
					body = "started 127.0.0.1:" + path[1];
				}
				else {
					status = 404;
					body = "GET /nodes | /master/<i>/stop | /node/<port>/start | /flush | /healthy";
				}
			}
			catch (RuntimeException ex) {
				status = 500;
				body = String.valueOf(ex);
			}
			byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		control.start();
		return control;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
