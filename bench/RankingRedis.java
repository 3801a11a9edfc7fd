import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What bench/ranking and the ranking drills ask of Redis, over RESP on a socket (a JDK is all it needs; no
 * redis-cli). NODES is one {@code host:port} or a comma-separated list of a cluster's masters.
 *
 * <pre>
 * java bench/RankingRedis.java memory NODES                  used_memory and keys (sums), then each node's memory
 * java bench/RankingRedis.java slowlog-reset NODES MICROS    CONFIG SET slowlog-log-slower-than MICROS, SLOWLOG RESET
 * java bench/RankingRedis.java slowlog NODES                 how many entries, then each with its command
 * java bench/RankingRedis.java windows NODES SHARDS          articles in ranking's 24 h and 7 d site windows (ZCARD
 *                                                            summed over the shards), changed totals not yet snapshotted
 * java bench/RankingRedis.java drop NODES PATTERN           UNLINKs the keys matching PATTERN (SCAN); how many and the
 *                                                            memory that freed
 * java bench/RankingRedis.java leader-cost HOST:PORT N SCRIPT  one ZREVRANGE 0 99 WITHSCORES on an N-member window and
 *                                                            each expire-bucket.lua call (chunk 200) on an N-member bucket
 * java bench/RankingRedis.java command HOST:PORT ARG...      any command; prints the reply
 * </pre>
 */
public class RankingRedis {

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "memory" -> memory(nodes(args[1]));
			case "slowlog-reset" -> slowlogReset(nodes(args[1]), args[2]);
			case "slowlog" -> slowlog(nodes(args[1]));
			case "windows" -> windows(nodes(args[1]), Integer.parseInt(args[2]));
			case "drop" -> drop(nodes(args[1]), args[2]);
			case "leader-cost" -> leaderCost(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
			case "command" -> {
				try (Conn c = new Conn(args[1])) {
					System.out.println(format(c.call(Arrays.copyOfRange(args, 2, args.length))));
				}
			}
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		}
	}

	static List<String> nodes(String list) {
		return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	static long info(Conn c, String section, String field) throws IOException {
		String info = (String) c.call("INFO", section);
		for (String line : info.split("\r\n")) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.substring(field.length() + 1).strip());
			}
		}
		throw new IOException("no " + field + " in INFO " + section);
	}

	/** "used_memory keys" summed over the nodes, then each node's used_memory. */
	static void memory(List<String> nodes) throws IOException {
		long sum = 0;
		long keys = 0;
		StringBuilder each = new StringBuilder();
		for (String node : nodes) {
			try (Conn c = new Conn(node)) {
				long used = info(c, "memory", "used_memory");
				sum += used;
				keys += (Long) c.call("DBSIZE");
				each.append(' ').append(node).append('=').append(used);
			}
		}
		System.out.println(sum + " " + keys + each.toString());
	}

	static void slowlogReset(List<String> nodes, String micros) throws IOException {
		for (String node : nodes) {
			try (Conn c = new Conn(node)) {
				c.call("CONFIG", "SET", "slowlog-log-slower-than", micros);
				c.call("CONFIG", "SET", "slowlog-max-len", "100000");
				c.call("SLOWLOG", "RESET");
			}
		}
	}

	/**
	 * "total N", then one line per entry: node, when (epoch seconds, then ISO), microseconds, "us", the command
	 * (arguments cut short).
	 */
	static void slowlog(List<String> nodes) throws IOException {
		long total = 0;
		List<String> lines = new ArrayList<>();
		for (String node : nodes) {
			try (Conn c = new Conn(node)) {
				total += (Long) c.call("SLOWLOG", "LEN");
				for (Object entry : (List<?>) c.call("SLOWLOG", "GET", "100000")) {
					List<?> e = (List<?>) entry;
					List<?> argv = (List<?>) e.get(3);
					StringBuilder command = new StringBuilder();
					for (int i = 0; i < Math.min(argv.size(), 6); i++) {
						String arg = String.valueOf(argv.get(i));
						command.append(' ').append(arg.length() > 60 ? arg.substring(0, 60) + "…" : arg);
					}
					if (argv.size() > 6) {
						command.append(" … (").append(argv.size()).append(" arguments)");
					}
					lines.add(node + " " + e.get(1) + " " + java.time.Instant.ofEpochSecond((Long) e.get(1)) + " " + e.get(2) + " us"
							+ command);
				}
			}
		}
		System.out.println("total " + total);
		lines.forEach(System.out::println);
	}

	/** Sums ZCARD of ranking's site windows and SCARD of the dirty sets over every shard. */
	static void windows(List<String> nodes, int shards) throws IOException {
		Router router = new Router(nodes);
		try {
			long day = 0;
			long week = 0;
			long dirty = 0;
			for (int i = 0; i < shards; i++) {
				String tag = tagFor(i, shards);
				String prefix = "rk:{" + tag + "}:";
				Conn c = router.of(tag);
				day += (Long) c.call("ZCARD", prefix + "w:24h:site");
				week += (Long) c.call("ZCARD", prefix + "w:7d:site");
				dirty += (Long) c.call("SCARD", prefix + "dirty") + (Long) c.call("SCARD", prefix + "dirty-draining");
			}
			System.out.println("24h " + day + " 7d " + week + " dirty " + dirty);
		}
		finally {
			router.close();
		}
	}

	/**
	 * UNLINKs every key matching {@code pattern} (ranking's keys: {@code rk:{T}:...}) and waits for Redis to free
	 * them: prints "keys N freed BYTES" (the sums over the nodes).
	 */
	static void drop(List<String> nodes, String pattern) throws Exception {
		long count = 0;
		long freed = 0;
		for (String node : nodes) {
			try (Conn c = new Conn(node)) {
				long before = info(c, "memory", "used_memory");
				String cursor = "0";
				do {
					List<?> page = (List<?>) c.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
					cursor = (String) page.get(0);
					List<?> keys = (List<?>) page.get(1);
					if (!keys.isEmpty()) {
						// One slot per UNLINK (a cluster refuses keys of several slots in one command).
						Map<String, List<String>> bySlot = new LinkedHashMap<>();
						for (Object key : keys) {
							String k = (String) key;
							bySlot.computeIfAbsent(k.substring(k.indexOf('{'), k.indexOf('}')), t -> new ArrayList<>())
								.add(k);
						}
						for (List<String> sameSlot : bySlot.values()) {
							List<String> command = new ArrayList<>(List.of("UNLINK"));
							command.addAll(sameSlot);
							count += (Long) c.call(command.toArray(String[]::new));
						}
					}
				}
				while (!cursor.equals("0"));
				for (int i = 0; i < 600 && info(c, "memory", "lazyfree_pending_objects") > 0; i++) {
					Thread.sleep(100);
				}
				freed += before - info(c, "memory", "used_memory");
			}
		}
		System.out.println("keys " + count + " freed " + freed);
	}

	/**
	 * The leader's two kinds of Redis calls at scale, on keys of their own ({@code bench:{cost}:*}, removed after):
	 * the read of a window's top that each publication makes per shard and list, and expire-bucket.lua, which
	 * subtracts an hour that left a window EXPIRY_CHUNK members per call (HotListPublisher.EXPIRY_CHUNK). Each call is timed by the client (loopback round
	 * trip included) and by Redis itself (INFO commandstats before and after it). Prints per kind: "name calls
	 * client-median client-p99 client-max redis-median redis-p99 redis-max" (ms).
	 */
	/** As ranking-service's HotListPublisher.EXPIRY_CHUNK. */
	static final int EXPIRY_CHUNK = 200;

	static void leaderCost(String node, int members, Path script) throws IOException {
		String window = "bench:{cost}:window";
		String bucket = "bench:{cost}:bucket";
		String progress = "bench:{cost}:expiring";
		try (Conn c = new Conn(node)) {
			c.call("UNLINK", window, bucket, progress);
			// Every other member leaves the window when its hour is subtracted (its only views were in that hour).
			// Small ZADDs, so that building the keys does not reach the slow log itself.
			int pending = 0;
			for (int from = 0; from < members; from += 100) {
				List<String> w = new ArrayList<>(List.of("ZADD", window));
				List<String> b = new ArrayList<>(List.of("ZADD", bucket));
				for (int i = from; i < Math.min(members, from + 100); i++) {
					int views = 1 + (i * 31) % 97;
					w.add(Integer.toString((i % 2 == 0) ? views : views + 5));
					w.add("article-" + i);
					b.add(Integer.toString(views));
					b.add("article-" + i);
				}
				c.send(w.toArray(String[]::new));
				c.send(b.toArray(String[]::new));
				pending += 2;
				if (pending >= 20) {
					c.drain(pending);
					pending = 0;
				}
			}
			c.drain(pending);
			System.out.printf("built window %d, bucket %d members%n", (Long) c.call("ZCARD", window),
					(Long) c.call("ZCARD", bucket));

			int reads = 1000;
			long[] client = new long[reads];
			long[] server = new long[reads];
			for (int i = 0; i < reads; i++) {
				long before = usec(c, "zrevrange");
				long started = System.nanoTime();
				c.call("ZREVRANGE", window, "0", "99", "WITHSCORES");
				client[i] = System.nanoTime() - started;
				server[i] = (usec(c, "zrevrange") - before) * 1000;
			}
			print("zrevrange", client, server);

			String sha = (String) c.call("SCRIPT", "LOAD", Files.readString(script));
			List<Long> clientTimes = new ArrayList<>();
			List<Long> serverTimes = new ArrayList<>();
			long subtracted = 0;
			long whole = 0;
			while (true) {
				long before = usec(c, "evalsha");
				long started = System.nanoTime();
				long n = (Long) c.call("EVALSHA", sha, "3", bucket, window, progress, "24h:" + bucket, Integer.toString(EXPIRY_CHUNK),
						Long.toString(8 * 24 * 3600));
				long took = System.nanoTime() - started;
				whole += took;
				clientTimes.add(took);
				serverTimes.add((usec(c, "evalsha") - before) * 1000);
				subtracted += n;
				if (n < EXPIRY_CHUNK) {
					break;
				}
			}
			print("expire-bucket", clientTimes.stream().mapToLong(Long::longValue).toArray(),
					serverTimes.stream().mapToLong(Long::longValue).toArray());
			System.out.printf("expire-bucket-total %d members subtracted in %d calls, %.0f ms, window left %d%n",
					subtracted, clientTimes.size(), whole / 1e6, (Long) c.call("ZCARD", window));
			c.call("UNLINK", window, bucket, progress);
		}
	}

	/** "name calls median p99 max (client) median p99 max (Redis)", in ms. */
	static void print(String name, long[] client, long[] server) {
		System.out.printf("%s %d %s %s%n", name, client.length, percentiles(client), percentiles(server));
	}

	static String percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return String.format("%.3f %.3f %.3f", sorted[n / 2] / 1e6,
				sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, sorted[n - 1] / 1e6);
	}

	/** Microseconds Redis has spent in {@code command} since its start (INFO commandstats). */
	static long usec(Conn c, String command) throws IOException {
		String stats = (String) c.call("INFO", "commandstats");
		for (String line : stats.split("\r\n")) {
			if (line.startsWith("cmdstat_" + command + ":")) {
				for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
					if (part.startsWith("usec=")) {
						return Long.parseLong(part.substring("usec=".length()));
					}
				}
			}
		}
		return 0;
	}

	// ranking-service's RankingKeys.tagFor: the first tag s<i>.<n> whose slot is in the shard's even share.
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

	/** Redis Cluster's key slot: CRC16 (XMODEM) of the hash tag, modulo 16384. */
	static int slot(String key) {
		int open = key.indexOf('{');
		if (open >= 0) {
			int close = key.indexOf('}', open + 1);
			if (close > open + 1) {
				key = key.substring(open + 1, close);
			}
		}
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

	static String format(Object reply) {
		if (reply instanceof List<?> list) {
			List<String> parts = new ArrayList<>();
			for (Object o : list) {
				parts.add(format(o));
			}
			return String.join("\n", parts);
		}
		return String.valueOf(reply);
	}

	/** Connections to a cluster's masters (or one Redis), and which serves a hash tag's slot. */
	static final class Router implements Closeable {

		private final Map<String, Conn> connections = new LinkedHashMap<>();

		private final int[] masterOfSlot = new int[16384];

		private final List<String> masters = new ArrayList<>();

		Router(List<String> nodes) throws IOException {
			Conn first = connect(nodes.get(0));
			Object slots = first.callOrError("CLUSTER", "SLOTS");
			if (slots instanceof List<?> ranges) {
				for (Object r : ranges) {
					List<?> range = (List<?>) r;
					List<?> master = (List<?>) range.get(2);
					String address = master.get(0) + ":" + master.get(1);
					int index = this.masters.indexOf(address);
					if (index < 0) {
						this.masters.add(address);
						index = this.masters.size() - 1;
					}
					Arrays.fill(this.masterOfSlot, ((Long) range.get(0)).intValue(),
							((Long) range.get(1)).intValue() + 1, index);
				}
			}
			else {
				this.masters.add(nodes.get(0));
			}
		}

		Conn of(String tag) throws IOException {
			return connect(this.masters.get(this.masterOfSlot[slot(tag)]));
		}

		private Conn connect(String node) throws IOException {
			Conn c = this.connections.get(node);
			if (c == null) {
				c = new Conn(node);
				this.connections.put(node, c);
			}
			return c;
		}

		@Override
		public void close() throws IOException {
			for (Conn c : this.connections.values()) {
				c.close();
			}
		}

	}

	/** One RESP connection: commands and their replies (strings, longs, lists; errors thrown). */
	static final class Conn implements Closeable {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		Conn(String node) throws IOException {
			int colon = node.lastIndexOf(':');
			this.socket = new Socket(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1)));
			this.socket.setTcpNoDelay(true);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 1 << 16);
		}

		Object call(String... parts) throws IOException {
			Object reply = callOrError(parts);
			if (reply instanceof RedisError error) {
				throw new IOException("Redis error on " + parts[0] + ": " + error.message());
			}
			return reply;
		}

		Object callOrError(String... parts) throws IOException {
			send(parts);
			this.out.flush();
			return read();
		}

		void send(String... parts) throws IOException {
			StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
			for (String part : parts) {
				resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
					.append("\r\n");
			}
			this.out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
		}

		void drain(int replies) throws IOException {
			this.out.flush();
			for (int i = 0; i < replies; i++) {
				if (read() instanceof RedisError error) {
					throw new IOException("Redis error: " + error.message());
				}
			}
		}

		private Object read() throws IOException {
			int type = this.in.read();
			String line = readLine();
			switch (type) {
				case '+':
					return line;
				case '-':
					return new RedisError(line);
				case ':':
					return Long.parseLong(line);
				case '$': {
					int length = Integer.parseInt(line);
					if (length < 0) {
						return null;
					}
					byte[] bytes = this.in.readNBytes(length + 2);
					return new String(bytes, 0, length, StandardCharsets.UTF_8);
				}
				case '*': {
					int count = Integer.parseInt(line);
					if (count < 0) {
						return null;
					}
					List<Object> list = new ArrayList<>(count);
					for (int i = 0; i < count; i++) {
						list.add(read());
					}
					return list;
				}
				default:
					throw new IOException("unexpected reply type " + (char) type);
			}
		}

		private String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = this.in.read()) != '\r') {
				if (c < 0) {
					throw new IOException("connection closed");
				}
				line.append((char) c);
			}
			this.in.read();
			return line.toString();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	record RedisError(String message) {
	}

}
