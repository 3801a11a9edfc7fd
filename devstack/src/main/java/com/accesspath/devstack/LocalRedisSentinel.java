package com.accesspath.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis master watched by one Sentinel, each a real {@code redis-server} process (the
 * binary {@link LocalRedisCluster} uses), on free ports: what a test needs to run a
 * service with {@code spring.data.redis.sentinel.*}, which asks the Sentinel for the
 * master's address.
 */
public final class LocalRedisSentinel implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	/** The name the Sentinel knows the master by. */
	public static final String MASTER_NAME = "devstack";

	private final Path directory;

	private final int masterPort;

	private final int sentinelPort;

	private final List<Process> processes = new ArrayList<>();

	private LocalRedisSentinel(Path directory, int masterPort, int sentinelPort) {
		this.directory = directory;
		this.masterPort = masterPort;
		this.sentinelPort = sentinelPort;
	}

	public static LocalRedisSentinel start() {
		try {
			LocalRedisSentinel sentinel = new LocalRedisSentinel(Files.createTempDirectory("devstack-sentinel"),
					DevStack.freePort(), DevStack.freePort());
			Runtime.getRuntime().addShutdownHook(new Thread(sentinel::close, "local-redis-sentinel-shutdown"));
			sentinel.launch();
			return sentinel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void launch() throws IOException {
		Path binary = LocalRedisCluster.redisServerBinary();
		start("master", List.of(binary.toString(), "--port", String.valueOf(this.masterPort), "--bind", HOST, "--save",
				"", "--appendonly", "no"));
		awaitPong(this.masterPort);
		// A Sentinel rewrites its configuration file: it must be its own, writable.
		Path config = this.directory.resolve("sentinel.conf");
		Files.writeString(config,
				String.join("\n", "port " + this.sentinelPort, "bind " + HOST,
						"sentinel monitor " + MASTER_NAME + " " + HOST + " " + this.masterPort + " 1",
						"sentinel down-after-milliseconds " + MASTER_NAME + " 1000", ""));
		start("sentinel", List.of(binary.toString(), config.toString(), "--sentinel"));
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() - deadline < 0) {
			try {
				Object address = Resp.call(HOST, this.sentinelPort, "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
				if (address instanceof List<?> parts && !parts.isEmpty()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not up yet
			}
			pause();
		}
		close();
		throw new IllegalStateException("The Sentinel on port " + this.sentinelPort + " did not start");
	}

	private void start(String name, List<String> command) throws IOException {
		this.processes.add(new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(this.directory.resolve(name + ".log").toFile()))
			.start());
	}

	private static void awaitPong(int port) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() - deadline < 0) {
			try {
				if ("PONG".equals(Resp.call(HOST, port, "PING"))) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not up yet
			}
			pause();
		}
		throw new IllegalStateException("redis-server on port " + port + " did not start");
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code host:port} of the Sentinel, as {@code spring.data.redis.sentinel.nodes}. */
	public String sentinelNodes() {
		return HOST + ":" + this.sentinelPort;
	}

	public int masterPort() {
		return this.masterPort;
	}

	@Override
	public synchronized void close() {
		for (Process process : this.processes) {
			process.destroyForcibly();
		}
		this.processes.clear();
	}

}
