package com.accesspath.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import redis.embedded.core.ExecutableProvider;
import redis.embedded.util.IO;

/**
 * A real Redis Cluster on this machine: {@code masters × (1 + replicasPerMaster)}
 * {@code redis-server} processes (the binary shipped inside embedded-redis, the one
 * {@link DevStack} runs), formed without {@code redis-cli}. Nodes can be killed and
 * restarted on their port, so tests and drills see real failovers.
 *
 * <p>
 * The node timeout is 1000 ms: a killed master is replaced by its replica in about two
 * seconds. {@code cluster-require-full-coverage} stays at Redis's default, {@code yes}:
 * while a master is down and not yet replaced the whole cluster refuses commands, as a
 * production cluster does; tests should meet that outage window, not a friendlier one.
 */
public final class LocalRedisCluster implements AutoCloseable {

	/** The number of hash slots of every Redis Cluster. */
	public static final int SLOTS = 16384;

	/**
	 * Redis 6.2 has no {@code cluster-port}: a node's bus listens on its port + 10000.
	 */
	private static final int BUS_PORT_OFFSET = 10000;

	private static final String HOST = "127.0.0.1";

	private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(10);

	private static final int EPHEMERAL_ATTEMPTS = 5;

	private static final Object binaryLock = new Object();

	private static Path binary;

	private final int masters;

	private final int replicasPerMaster;

	private final boolean persistent;

	/** One directory per node, named by its port; deleted on close unless persistent. */
	private final Path root;

	/** In start order: the first {@code masters} nodes start as the masters. */
	private final List<Node> nodes = new CopyOnWriteArrayList<>();

	private final Thread shutdownHook;

	private LocalRedisCluster(int masters, int replicasPerMaster, Path root, boolean persistent) {
		this.masters = masters;
		this.replicasPerMaster = replicasPerMaster;
		this.root = root;
		this.persistent = persistent;
		this.shutdownHook = new Thread(this::destroy, "local-redis-cluster-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts and forms a cluster, or, when {@code dataDirectory} holds the node configs
	 * of an earlier run on the same ports, starts that cluster again with its data.
	 * Returns once every slot is served and every replica is in sync.
	 * @param masters the number of masters; the slots are split evenly between them
	 * @param replicasPerMaster replicas of each master
	 * @param dataDirectory where the nodes keep their AOF and cluster config, or
	 * {@code null} for a non-persistent cluster in a temporary directory
	 * @param basePort the first port (the nodes take the following ones, their cluster
	 * bus the ports 10000 above), or {@code 0} for free ports chosen here
	 */
	public static LocalRedisCluster start(int masters, int replicasPerMaster, Path dataDirectory, int basePort) {
		int count = masters * (1 + replicasPerMaster);
		if (basePort != 0 && (basePort < 1 || basePort + count - 1 + BUS_PORT_OFFSET > 65535)) {
			throw new IllegalArgumentException("basePort " + basePort + " leaves no room for " + count
					+ " nodes and their cluster bus ports (+" + BUS_PORT_OFFSET + ")");
		}
		List<Integer> ports = (basePort == 0) ? null : IntStream.range(basePort, basePort + count).boxed().toList();
		return start(masters, replicasPerMaster, dataDirectory, ports);
	}

	/** As above on the given ports ({@code null}: free ports chosen here). */
	static LocalRedisCluster start(int masters, int replicasPerMaster, Path dataDirectory, List<Integer> ports) {
		if (masters < 1 || replicasPerMaster < 0) {
			throw new IllegalArgumentException("A cluster needs at least one master, got " + masters + " masters, "
					+ replicasPerMaster + " replicas");
		}
		int count = masters * (1 + replicasPerMaster);
		if (ports != null && ports.size() != count) {
			throw new IllegalArgumentException(count + " nodes need " + count + " ports, got " + ports);
		}
		Path root;
		try {
			root = (dataDirectory != null) ? Files.createDirectories(dataDirectory)
					: Files.createTempDirectory("local-redis-cluster-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		LocalRedisCluster cluster = new LocalRedisCluster(masters, replicasPerMaster, root, dataDirectory != null);
		try {
			cluster.launchAll(ports);
			cluster.formOrRejoin();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * The current masters as {@code 127.0.0.1:port,...}, in slot order: what
	 * {@code spring.data.redis.cluster.nodes} takes.
	 */
	public String nodes() {
		return masterPorts().stream().map((port) -> HOST + ":" + port).collect(Collectors.joining(","));
	}

	/**
	 * The ports of the nodes that serve the slots now, as the cluster says (a failover
	 * changes them), ordered by the first slot each serves.
	 */
	public List<Integer> masterPorts() {
		RuntimeException failure = null;
		for (int port : runningPorts()) {
			try {
				return slotMap(port).values().stream().map(SlotRange::master).distinct().toList();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		throw new IllegalStateException("No node of the cluster answers", failure);
	}

	/** The ports of every node, running or stopped, in start order. */
	public synchronized List<Integer> allPorts() {
		return this.nodes.stream().map(Node::port).toList();
	}

	/** Kills the node on {@code port} (SIGKILL, like a crash); its config stays. */
	public synchronized void stopNode(int port) {
		node(port).kill(true);
	}

	/**
	 * Starts the node on {@code port} again with its cluster config: it rejoins the
	 * cluster (a master replaced meanwhile comes back as a replica of its replacement).
	 * Returns once the process answers; {@link #awaitHealthy(Duration)} waits for the
	 * rejoin.
	 */
	public synchronized void startNode(int port) {
		Node node = node(port);
		if (!node.isRunning()) {
			node.launch();
		}
	}

	/**
	 * Waits until every running node says {@code cluster_state:ok}, all of them agree on
	 * who serves which slots (every slot by a running master) and every running replica's
	 * link to its master is up.
	 * @throws IllegalStateException when that is not so within {@code timeout}
	 */
	public void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String problem = healthProblem();
		while (problem != null) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(
						"Redis cluster " + allPorts() + " not healthy after " + timeout.toMillis() + " ms: " + problem);
			}
			pause(50);
			problem = healthProblem();
		}
	}

	/** Whether the cluster is healthy now, in the sense of {@link #awaitHealthy}. */
	public boolean isHealthy() {
		return healthProblem() == null;
	}

	/** What keeps the cluster from being healthy now, if anything. */
	public Optional<String> unhealthyBecause() {
		return Optional.ofNullable(healthProblem());
	}

	/** FLUSHALL on every master: an empty cluster for the next test. */
	public void flushAll() {
		for (int port : masterPorts()) {
			Resp.call(HOST, port, "FLUSHALL");
		}
	}

	/** Kills every node; deletes the directories unless the cluster is persistent. */
	@Override
	public void close() {
		destroy();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook runs (or ran) anyway.
		}
	}

	/**
	 * Not synchronized: the shutdown hook must not wait for a thread that holds the lock.
	 * A persistent node is stopped gently (it syncs its AOF), a throwaway one killed.
	 */
	private void destroy() {
		this.nodes.forEach((node) -> node.kill(!this.persistent));
		if (!this.persistent) {
			deleteRecursively(this.root);
		}
	}

	private void launchAll(List<Integer> ports) {
		int count = this.masters * (1 + this.replicasPerMaster);
		Set<Integer> taken = new HashSet<>();
		for (int i = 0; i < count; i++) {
			if (ports != null) {
				Node node = new Node(ports.get(i));
				this.nodes.add(node);
				node.launch();
				continue;
			}
			// A port found free can be taken before redis-server binds it (outgoing
			// connections take their local port from the same range): a fresh one then.
			RuntimeException failure = null;
			for (int attempt = 0; attempt < EPHEMERAL_ATTEMPTS; attempt++) {
				Node node = new Node(freeClusterPort(taken));
				taken.add(node.port);
				try {
					node.launch();
					this.nodes.add(node);
					failure = null;
					break;
				}
				catch (RuntimeException ex) {
					node.kill(true);
					deleteRecursively(node.dir);
					if (failure == null) {
						failure = ex;
					}
					else {
						failure.addSuppressed(ex);
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}
	}

	private void formOrRejoin() {
		int count = this.nodes.size();
		List<Map<String, String>> infos = this.nodes.stream().map((node) -> clusterInfo(node.port)).toList();
		boolean fresh = infos.stream()
			.allMatch((info) -> "1".equals(info.get("cluster_known_nodes"))
					&& "0".equals(info.get("cluster_slots_assigned")));
		boolean formed = infos.stream()
			.allMatch((info) -> String.valueOf(count).equals(info.get("cluster_known_nodes")));
		if (fresh) {
			form();
		}
		else if (!formed) {
			throw new IllegalStateException(
					"The node configs under " + this.root + " do not describe one cluster of these " + count + " nodes "
							+ allPorts() + "; delete the directory to start afresh");
		}
		awaitHealthy(FORM_TIMEOUT);
	}

	/** What {@code redis-cli --cluster create} does, in the same order. */
	private void form() {
		List<String> ids = this.nodes.stream().map((node) -> Resp.text(HOST, node.port, "CLUSTER", "MYID")).toList();
		for (int m = 0; m < this.masters; m++) {
			int first = m * SLOTS / this.masters;
			int last = (m + 1) * SLOTS / this.masters - 1;
			// Redis 6.2 has no CLUSTER ADDSLOTSRANGE: all the slots in one ADDSLOTS.
			List<Object> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
			IntStream.rangeClosed(first, last).forEach(command::add);
			Resp.call(HOST, this.nodes.get(m).port, command.toArray());
			// Distinct epochs up front, so masters need not resolve a collision first.
			Resp.call(HOST, this.nodes.get(m).port, "CLUSTER", "SET-CONFIG-EPOCH", m + 1);
		}
		int firstPort = this.nodes.get(0).port;
		for (Node node : this.nodes.subList(1, this.nodes.size())) {
			Resp.call(HOST, node.port, "CLUSTER", "MEET", HOST, firstPort);
		}
		// A replica can only follow a master it knows.
		await("every node to know every node", () -> this.nodes.stream()
			.allMatch((node) -> String.valueOf(ids.size()).equals(clusterInfo(node.port).get("cluster_known_nodes"))));
		for (int r = this.masters; r < this.nodes.size(); r++) {
			String masterId = ids.get((r - this.masters) % this.masters);
			Resp.call(HOST, this.nodes.get(r).port, "CLUSTER", "REPLICATE", masterId);
		}
	}

	/** {@code null} when healthy, else what is not. */
	private String healthProblem() {
		List<Integer> running = runningPorts();
		if (running.isEmpty()) {
			return "no node is running";
		}
		Map<Integer, String> views = new LinkedHashMap<>();
		for (int port : running) {
			try {
				String state = clusterInfo(port).get("cluster_state");
				if (!"ok".equals(state)) {
					return port + " says cluster_state:" + state;
				}
				Map<String, String> replication = info(port, "replication");
				if ("slave".equals(replication.get("role")) && !"up".equals(replication.get("master_link_status"))) {
					return "replica " + port + " has master_link_status:" + replication.get("master_link_status");
				}
				Map<Integer, SlotRange> slots = slotMap(port);
				int covered = slots.values().stream().mapToInt((range) -> range.last - range.first + 1).sum();
				if (covered != SLOTS) {
					return port + " sees " + covered + " of " + SLOTS + " slots served";
				}
				for (SlotRange range : slots.values()) {
					if (!running.contains(range.master)) {
						return port + " sees slots " + range.first + "-" + range.last + " on " + range.master
								+ ", which is not running";
					}
				}
				views.put(port, slots.values().toString());
			}
			catch (RuntimeException ex) {
				return port + " does not answer: " + ex.getMessage();
			}
		}
		if (views.values().stream().distinct().count() > 1) {
			return "the nodes do not agree on who serves the slots: " + views;
		}
		return null;
	}

	/** A node's CLUSTER SLOTS: by first slot, master and replica ports. */
	private static Map<Integer, SlotRange> slotMap(int port) {
		Map<Integer, SlotRange> ranges = new TreeMap<>();
		for (Object item : (List<?>) Resp.call(HOST, port, "CLUSTER", "SLOTS")) {
			List<?> range = (List<?>) item;
			int first = ((Long) range.get(0)).intValue();
			int last = ((Long) range.get(1)).intValue();
			int master = ((Long) ((List<?>) range.get(2)).get(1)).intValue();
			List<Integer> replicas = range.subList(3, range.size())
				.stream()
				.map((replica) -> ((Long) ((List<?>) replica).get(1)).intValue())
				.sorted()
				.toList();
			ranges.put(first, new SlotRange(first, last, master, replicas));
		}
		return ranges;
	}

	private static Map<String, String> clusterInfo(int port) {
		return fields(Resp.text(HOST, port, "CLUSTER", "INFO"));
	}

	private static Map<String, String> info(int port, String section) {
		return fields(Resp.text(HOST, port, "INFO", section));
	}

	private static Map<String, String> fields(String text) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : text.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return fields;
	}

	private synchronized List<Integer> runningPorts() {
		return this.nodes.stream().filter(Node::isRunning).map(Node::port).toList();
	}

	private synchronized Node node(int port) {
		return this.nodes.stream()
			.filter((node) -> node.port == port)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No node of this cluster on port " + port));
	}

	private static void await(String what, java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() - deadline < 0) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			pause(20);
		}
		throw new IllegalStateException("Timed out after " + FORM_TIMEOUT.toSeconds() + " s waiting for " + what, last);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * A free port whose cluster bus port (+10000) is free too and exists: the kernel's
	 * ephemeral range reaches 60999, so about one port in five it hands out is unusable.
	 */
	private static int freeClusterPort(Set<Integer> taken) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = DevStack.freePort();
			if (port + BUS_PORT_OFFSET <= 65535 && !taken.contains(port) && !taken.contains(port + BUS_PORT_OFFSET)
					&& isFree(port + BUS_PORT_OFFSET)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port pair (port, port + " + BUS_PORT_OFFSET + ") found");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(HOST, port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The {@code redis-server} executable: {@code embedded.redis.executable} /
	 * {@code EMBEDDED_REDIS_EXECUTABLE} when set (embedded-redis's own names), else the
	 * binary inside the embedded-redis jar (Redis 6.2, extracted once per JVM into a
	 * temporary directory, as {@code RedisServer} does), else {@code redis-server} on the
	 * {@code PATH}.
	 */
	static Path redisServerBinary() {
		synchronized (binaryLock) {
			if (binary == null) {
				binary = findBinary();
			}
			return binary;
		}
	}

	private static Path findBinary() {
		String configured = System.getProperty(ExecutableProvider.PROPERTY_EXECUTABLE_LOCATION,
				System.getenv(ExecutableProvider.ENVIRONMENT_EXECUTABLE_LOCATION));
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		List<String> failures = new ArrayList<>();
		try {
			Path embedded = ExecutableProvider.newJarResourceProvider().get().toPath();
			if (runs(embedded)) {
				return embedded;
			}
			failures.add(embedded + " does not run here");
		}
		catch (IOException | RuntimeException ex) {
			failures.add("embedded-redis has no binary for this machine: " + ex);
		}
		try {
			return IO.findBinaryInPath("redis-server");
		}
		catch (IOException ex) {
			failures.add("no redis-server on the PATH");
		}
		throw new IllegalStateException("No redis-server to run: " + String.join("; ", failures));
	}

	private static boolean runs(Path executable) {
		try {
			Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true)
				.redirectOutput(Redirect.DISCARD)
				.start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A temporary directory left behind is no reason to fail a test run.
		}
	}

	private record SlotRange(int first, int last, int master, List<Integer> replicas) {

		@Override
		public String toString() {
			return this.first + "-" + this.last + "@" + this.master + this.replicas;
		}

	}

	private final class Node {

		private final int port;

		private final Path dir;

		private volatile Process process;

		Node(int port) {
			this.port = port;
			this.dir = LocalRedisCluster.this.root.resolve(String.valueOf(port));
		}

		int port() {
			return this.port;
		}

		boolean isRunning() {
			return this.process != null && this.process.isAlive();
		}

		void launch() {
			try {
				Files.createDirectories(this.dir);
				List<String> command = List.of(redisServerBinary().toString(), "--port", String.valueOf(this.port),
						"--bind", HOST, "--protected-mode", "no", "--daemonize", "no", "--cluster-enabled", "yes",
						"--cluster-config-file", this.dir.resolve("nodes.conf").toAbsolutePath().toString(),
						"--cluster-node-timeout", "1000", "--dir", this.dir.toAbsolutePath().toString(), "--save", "",
						"--appendonly", LocalRedisCluster.this.persistent ? "yes" : "no");
				// Into a file: an unread pipe would block the node once its log fills it.
				this.process = new ProcessBuilder(command).directory(this.dir.toFile())
					.redirectErrorStream(true)
					.redirectOutput(Redirect.appendTo(this.dir.resolve("redis.log").toFile()))
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start redis-server on port " + this.port, ex);
			}
			long deadline = System.nanoTime() + NODE_START_TIMEOUT.toNanos();
			RuntimeException failure = null;
			while (this.process.isAlive() && System.nanoTime() - deadline < 0) {
				try {
					if ("PONG".equals(Resp.call(HOST, this.port, "PING"))) {
						return;
					}
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
				pause(10);
			}
			kill(true);
			throw new IllegalStateException("redis-server on port " + this.port + " did not start: " + logTail(),
					failure);
		}

		/**
		 * Ends the process: SIGKILL when {@code crash}, else SIGTERM (the node syncs its
		 * AOF) and SIGKILL after 5 s.
		 */
		void kill(boolean crash) {
			Process running = this.process;
			if (running == null) {
				return;
			}
			try {
				if (crash) {
					running.destroyForcibly();
				}
				else {
					running.destroy();
					if (!running.waitFor(5, TimeUnit.SECONDS)) {
						running.destroyForcibly();
					}
				}
				running.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				running.destroyForcibly();
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}

		private String logTail() {
			try {
				List<String> lines = Files.readAllLines(this.dir.resolve("redis.log"));
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
			}
			catch (IOException | RuntimeException ex) {
				return "(no log)";
			}
		}

	}

}
