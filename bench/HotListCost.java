import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the cost of a 24-hour hot list grows with the number of distinct articles: fills 24 hourly buckets the way
 * ranking-service does (ZINCRBY into one sorted set per hour), then times ZUNIONSTORE over them plus the top-50 read.
 * Speaks RESP over a socket, so it needs nothing but a JDK: java bench/HotListCost.java HOST PORT N...
 */
public class HotListCost {

	public static void main(String[] args) throws Exception {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		try (Socket socket = new Socket(host, port)) {
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			for (int i = 2; i < args.length; i++) {
				int articles = Integer.parseInt(args[i]);
				String prefix = "bench:{hl" + articles + "}:";
				List<String> buckets = new ArrayList<>();
				for (int hour = 0; hour < 24; hour++) {
					buckets.add(prefix + "h" + hour);
				}
				command(out, in, concat("DEL", buckets, List.of(prefix + "u")));
				// Every article is viewed in some hours: spread so each bucket holds about a third of them.
				int pending = 0;
				for (int article = 0; article < articles; article++) {
					for (int hour = article % 3; hour < 24; hour += 3) {
						write(out, "ZINCRBY", buckets.get(hour), Integer.toString(1 + (article * 31 + hour) % 97), "article-" + article);
						pending++;
						if (pending == 10_000) {
							drain(out, in, pending);
							pending = 0;
						}
					}
				}
				drain(out, in, pending);
				long[] samples = new long[5];
				for (int run = 0; run < samples.length; run++) {
					long started = System.nanoTime();
					List<String> union = new ArrayList<>(List.of("ZUNIONSTORE", prefix + "u", "24"));
					union.addAll(buckets);
					command(out, in, union);
					command(out, in, List.of("ZREVRANGE", prefix + "u", "0", "49", "WITHSCORES"));
					samples[run] = System.nanoTime() - started;
				}
				Arrays.sort(samples);
				System.out.printf("hotlist %d %.1f%n", articles, samples[samples.length / 2] / 1e6);
				command(out, in, concat("DEL", buckets, List.of(prefix + "u")));
			}
		}
	}

	private static List<String> concat(String first, List<String> middle, List<String> last) {
		List<String> all = new ArrayList<>();
		all.add(first);
		all.addAll(middle);
		all.addAll(last);
		return all;
	}

	private static void command(OutputStream out, InputStream in, List<String> parts) throws IOException {
		write(out, parts.toArray(String[]::new));
		drain(out, in, 1);
	}

	private static void write(OutputStream out, String... parts) throws IOException {
		StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
		for (String part : parts) {
			byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
			resp.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
		}
		out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static void drain(OutputStream out, InputStream in, int replies) throws IOException {
		out.flush();
		for (int i = 0; i < replies; i++) {
			skipReply(in);
		}
	}

	private static void skipReply(InputStream in) throws IOException {
		int type = in.read();
		String line = readLine(in);
		switch (type) {
			case '+', ':' -> {
			}
			case '-' -> throw new IOException("Redis error: " + line);
			case '$' -> {
				int length = Integer.parseInt(line);
				if (length >= 0) {
					in.readNBytes(length + 2);
				}
			}
			case '*' -> {
				int count = Integer.parseInt(line);
				for (int i = 0; i < count; i++) {
					skipReply(in);
				}
			}
			default -> throw new IOException("Unexpected reply type " + (char) type);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != '\r') {
			if (c < 0) {
				throw new IOException("connection closed");
			}
			line.append((char) c);
		}
		in.read();
		return line.toString();
	}

}
