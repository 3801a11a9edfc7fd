package com.accesspath.devstack;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real 3-master cluster with a replica each, one for the class: data spread over the
 * masters, a killed master replaced by its replica, the killed node back as a replica.
 */
class LocalRedisClusterTests {

	private static LocalRedisCluster cluster;

	private static RedisClusterClient client;

	private static StatefulRedisClusterConnection<String, String> connection;

	@BeforeAll
	static void startCluster() {
		long start = System.nanoTime();
		cluster = LocalRedisCluster.start(3, 1, null, 0);
		System.out.printf("cluster of 6 nodes started and formed in %d ms%n", millisSince(start));
		client = RedisClusterClient
			.create(cluster.masterPorts().stream().map((port) -> RedisURI.create("127.0.0.1", port)).toList());
		// What a client needs to follow a failover: refresh the topology when a node
		// stops answering, and now and then anyway.
		client.setOptions(ClusterClientOptions.builder()
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.enablePeriodicRefresh(Duration.ofMillis(500))
				.build())
			.build());
		connection = client.connect();
		// Generous: a command sent to a node the client is still reconnecting to waits
		// for that reconnect, and CI's two shared cores make it slow now and then.
		connection.setTimeout(Duration.ofSeconds(5));
	}

	@AfterAll
	static void stopCluster() {
		if (connection != null) {
			connection.close();
		}
		if (client != null) {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@BeforeEach
	void wholeAndEmptyCluster() {
		// Whatever a failed test left stopped is started again (a no-op for running
		// nodes).
		cluster.allPorts().forEach(cluster::startNode);
		cluster.awaitHealthy(Duration.ofSeconds(20));
		// A previous test may have moved masters: the client starts from the cluster's
		// present topology, not from what it last refreshed.
		client.refreshPartitions();
		cluster.flushAll();
	}

	@Test
	void threeMastersServeAllSlotsAndEachHasAReplica() {
		assertThat(cluster.allPorts()).hasSize(6).doesNotHaveDuplicates();
		assertThat(cluster.masterPorts()).hasSize(3);
		assertThat(cluster.allPorts()).containsAll(cluster.masterPorts());
		assertThat(cluster.nodes()).matches("127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){2}");
		assertThat(connection.sync().clusterInfo()).contains("cluster_state:ok", "cluster_slots_assigned:16384",
				"cluster_known_nodes:6", "cluster_size:3");
		for (int master : cluster.masterPorts()) {
			assertThat(replicaOf(master)).isNotNull();
		}
	}

	@Test
	void keysWithManyHashTagsLandOnEveryMaster() {
		Map<String, String> written = writeKeys("spread", 300);
		long total = 0;
		for (int master : cluster.masterPorts()) {
			long size = node(master).dbsize();
			assertThat(size).as("keys on master %d", master).isPositive();
			total += size;
		}
		assertThat(total).isEqualTo(written.size());
	}

	@Test
	void aKilledMasterIsReplacedByItsReplicaAndComesBackAsItsReplica() {
		Map<String, String> before = writeKeys("before", 300);
		int master = cluster.masterPorts().get(0);
		Integer replica = replicaOf(master);
		assertThat(replica).isNotNull();
		// Replication is asynchronous: the replica must have everything before the crash.
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> node(replica).dbsize().equals(node(master).dbsize()));

		long stop = System.nanoTime();
		cluster.stopNode(master);
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> cluster.masterPorts().contains(replica) && cluster.isHealthy());
		System.out.printf("master %d killed, replica %d serving its slots after %d ms%n", master, replica,
				millisSince(stop));
		assertThat(cluster.masterPorts()).hasSize(3).doesNotContain(master);

		// The client follows the new topology; nothing written before is lost.
		long follow = System.nanoTime();
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.ignoreException(RedisCommandTimeoutException.class)
			.untilAsserted(() -> {
				for (Map.Entry<String, String> entry : before.entrySet()) {
					assertThat(connection.sync().get(entry.getKey())).isEqualTo(entry.getValue());
				}
			});
		System.out.printf("the Lettuce cluster client read everything again %d ms later%n", millisSince(follow));
		Map<String, String> after = writeKeys("after", 100);
		after.forEach((key, value) -> assertThat(connection.sync().get(key)).isEqualTo(value));

		long restart = System.nanoTime();
		cluster.startNode(master);
		cluster.awaitHealthy(Duration.ofSeconds(20));
		System.out.printf("node %d restarted and in sync as a replica after %d ms%n", master, millisSince(restart));
		Map<String, String> replication = fields(node(master).info("replication"));
		assertThat(replication).containsEntry("role", "slave")
			.containsEntry("master_port", String.valueOf(replica))
			.containsEntry("master_link_status", "up");
		assertThat(cluster.masterPorts()).contains(replica).doesNotContain(master);
	}

	@Test
	void flushAllEmptiesEveryMaster() {
		writeKeys("flush", 100);
		cluster.flushAll();
		for (int master : cluster.masterPorts()) {
			assertThat(node(master).dbsize()).isZero();
		}
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> cluster.allPorts().stream().allMatch((port) -> node(port).dbsize() == 0));
	}

	@Test
	void stoppingAndStartingAnUnknownPortIsRefused() {
		assertThatThrownBy(() -> cluster.stopNode(1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> cluster.startNode(1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aPersistentClusterComesBackWithItsDataOnTheSamePorts(@TempDir Path data) {
		List<Integer> ports;
		long start = System.nanoTime();
		try (LocalRedisCluster persistent = LocalRedisCluster.start(3, 0, data, 0)) {
			System.out.printf("persistent cluster of 3 masters started in %d ms%n", millisSince(start));
			ports = persistent.allPorts();
			for (int i = 0; i < 30; i++) {
				Resp.call("127.0.0.1", portFor(persistent, "{p" + i + "}"), "SET", "{p" + i + "}", "v" + i);
			}
		}
		assertThat(data.resolve(String.valueOf(ports.get(0))).resolve("nodes.conf")).exists();
		long restart = System.nanoTime();
		try (LocalRedisCluster again = LocalRedisCluster.start(3, 0, data, ports)) {
			System.out.printf("persistent cluster restarted from its data in %d ms%n", millisSince(restart));
			assertThat(again.masterPorts()).containsExactlyInAnyOrderElementsOf(ports);
			for (int i = 0; i < 30; i++) {
				assertThat(Resp.text("127.0.0.1", portFor(again, "{p" + i + "}"), "GET", "{p" + i + "}"))
					.isEqualTo("v" + i);
			}
		}
	}

	@Test
	void theDrillControlStopsAMasterAndStartsItAgain() throws Exception {
		HttpServer control = DevStackMain.clusterControl(cluster, new InetSocketAddress("127.0.0.1", 0));
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + control.getAddress().getPort();
		try {
			assertThat(get(http, base + "/nodes")).isEqualTo("200 " + cluster.nodes());
			assertThat(get(http, base + "/healthy")).isEqualTo("200 healthy");
			writeKeys("control", 30);
			assertThat(get(http, base + "/flush")).isEqualTo("200 flushed");
			assertThat(node(cluster.masterPorts().get(1)).dbsize()).isZero();
			assertThat(get(http, base + "/master/3/stop")).startsWith("404 no master 3");
			assertThat(get(http, base + "/node/1/start")).startsWith("404 ");

			int master = cluster.masterPorts().get(2);
			assertThat(get(http, base + "/master/2/stop")).isEqualTo("200 stopped 127.0.0.1:" + master);
			assertThat(get(http, base + "/healthy")).startsWith("503 ");
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> get(http, base + "/healthy").equals("200 healthy"));
			assertThat(get(http, base + "/nodes")).doesNotContain(":" + master);
			assertThat(get(http, base + "/node/" + master + "/start")).isEqualTo("200 started 127.0.0.1:" + master);
			cluster.awaitHealthy(Duration.ofSeconds(20));
			assertThat(cluster.allPorts()).contains(master);
		}
		finally {
			control.stop(0);
		}
	}

	private static String get(HttpClient http, String url) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body().strip();
	}

	/** The master that serves {@code key}: asked from the cluster (CLUSTER KEYSLOT). */
	private static int portFor(LocalRedisCluster cluster, String key) {
		int port = cluster.masterPorts().get(0);
		long slot = (Long) Resp.call("127.0.0.1", port, "CLUSTER", "KEYSLOT", key);
		for (Object range : (List<?>) Resp.call("127.0.0.1", port, "CLUSTER", "SLOTS")) {
			List<?> fields = (List<?>) range;
			if ((Long) fields.get(0) <= slot && slot <= (Long) fields.get(1)) {
				return ((Long) ((List<?>) fields.get(2)).get(1)).intValue();
			}
		}
		throw new AssertionError("no master for slot " + slot);
	}

	private static Map<String, String> writeKeys(String prefix, int count) {
		Map<String, String> written = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			String key = "{" + prefix + "-" + i + "}:value";
			assertThat(connection.sync().set(key, "v" + i)).isEqualTo("OK");
			written.put(key, "v" + i);
		}
		return written;
	}

	private static io.lettuce.core.cluster.api.sync.RedisClusterCommands<String, String> node(int port) {
		return connection.getConnection("127.0.0.1", port).sync();
	}

	private static Integer replicaOf(int master) {
		Matcher matcher = Pattern.compile("slave0:ip=[^,]+,port=(\\d+)").matcher(node(master).info("replication"));
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}

	private static Map<String, String> fields(String info) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : info.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return fields;
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
