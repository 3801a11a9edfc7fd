import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What ranking-service reads of article-service, for benchmarks and drills that run ranking-service alone: every
 * well-formed id is a published article (so a million distinct articles need no million documents), with a leaf
 * category among the site's demo leaves and two tags, both fixed by the id; and the site's taxonomy.
 * {@code GET /api/articles?ids=a,b,c} and {@code GET /api/categories}, as article-service answers them (API.md).
 * java bench/StubArticleService.java PORT
 */
public class StubArticleService {

	static final String TAXONOMY = """
			[{"key":"news","name":"AI 资讯","children":[{"key":"flash","name":"快讯","children":[]},\
			{"key":"product","name":"产品","children":[]},{"key":"tech","name":"技术","children":[]},\
			{"key":"business","name":"商业","children":[]},{"key":"policy","name":"政策","children":[]},\
			{"key":"startup","name":"初创","children":[]}]},\
			{"key":"resources","name":"资源中心","children":[\
			{"key":"research","name":"深度研究","children":[{"key":"frontier","name":"AI 前沿","children":[]},\
			{"key":"case-study","name":"案例研究","children":[]},{"key":"knowledge","name":"AI 知识库","children":[]}]},\
			{"key":"reports","name":"行业报告","children":[{"key":"whitepaper","name":"白皮书","children":[]},\
			{"key":"industry-report","name":"行业报告","children":[]},{"key":"research-report","name":"研究报告","children":[]},\
			{"key":"tech-talk","name":"技术分享","children":[]},{"key":"special-report","name":"专题报告","children":[]}]},\
			{"key":"cases","name":"精选案例","children":[{"key":"finance","name":"金融行业","children":[]},\
			{"key":"healthcare","name":"医疗行业","children":[]},{"key":"education","name":"教育行业","children":[]},\
			{"key":"retail","name":"零售行业","children":[]},{"key":"manufacturing","name":"制造行业","children":[]}]}]}]""";

	/** The leaves of {@link #TAXONOMY}, with their names. */
	static final String[][] LEAVES = { { "flash", "快讯" }, { "product", "产品" }, { "tech", "技术" },
			{ "business", "商业" }, { "policy", "政策" }, { "startup", "初创" }, { "frontier", "AI 前沿" },
			{ "case-study", "案例研究" }, { "knowledge", "AI 知识库" }, { "whitepaper", "白皮书" },
			{ "industry-report", "行业报告" }, { "research-report", "研究报告" }, { "tech-talk", "技术分享" },
			{ "special-report", "专题报告" }, { "finance", "金融行业" }, { "healthcare", "医疗行业" },
			{ "education", "教育行业" }, { "retail", "零售行业" }, { "manufacturing", "制造行业" } };

	static final String[] TAGS = { "大模型", "Agent", "RAG", "微调", "私有化部署", "ChatGPT", "Claude", "DeepSeek", "智能客服",
			"知识管理", "内容生成", "代码辅助", "数据分析", "金融", "零售", "制造", "医疗", "教育", "AI 战略", "数字化转型", "OpenAI",
			"Anthropic", "Google" };

	/** article-service's id pattern (ranking checks the same). */
	static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/api/articles", exchange -> {
			String query = exchange.getRequestURI().getRawQuery();
			if (query == null || !query.contains("ids=")) {
				answer(exchange, 200, "{\"items\":[],\"nextCursor\":null}");
				return;
			}
			String ids = URLDecoder.decode(query.replaceFirst("^.*ids=", "").replaceFirst("&.*$", ""),
					StandardCharsets.UTF_8);
			StringBuilder items = new StringBuilder("{\"items\":[");
			boolean first = true;
			for (String id : ids.split(",")) {
				if (!ID.matcher(id).matches()) {
					continue;
				}
				if (!first) {
					items.append(',');
				}
				first = false;
				article(items, id);
			}
			answer(exchange, 200, items.append("],\"nextCursor\":null}").toString());
		});
		server.createContext("/api/categories", exchange -> answer(exchange, 200, TAXONOMY));
		server.createContext("/actuator/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
		server.start();
		System.out.println("stub article-service on http://127.0.0.1:" + port);
	}

	static void article(StringBuilder json, String id) {
		CRC32 crc = new CRC32();
		crc.update(id.getBytes(StandardCharsets.UTF_8));
		long h = crc.getValue();
		String[] leaf = LEAVES[(int) (h % LEAVES.length)];
		int first = (int) ((h / LEAVES.length) % TAGS.length);
		// A second tag, never the first.
		int second = (int) ((first + 1 + (h / LEAVES.length / TAGS.length) % (TAGS.length - 1)) % TAGS.length);
		String tag1 = TAGS[first];
		String tag2 = TAGS[second];
		json.append("{\"id\":\"").append(id).append("\",\"slug\":\"slug-").append(id)
			.append("\",\"title\":\"基准文章 ").append(id).append("\",\"summary\":\"s\",\"category\":{\"key\":\"")
			.append(leaf[0]).append("\",\"name\":\"").append(leaf[1]).append("\"},\"tags\":[\"").append(tag1)
			.append("\",\"").append(tag2)
			.append("\"],\"publishedAt\":\"2026-01-01T00:00:00Z\",\"coverImage\":null,\"readingMinutes\":1,\"version\":1}");
	}

	static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
