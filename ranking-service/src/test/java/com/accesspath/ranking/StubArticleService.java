package com.accesspath.ranking;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP stand-in for what ranking reads of article-service: the batch lookup
 * ({@code GET /api/articles?ids=}) and the taxonomy ({@code GET /api/categories}, the
 * site's tree unless a test sets another). It can be made to fail, or to answer one
 * article slowly, to drill an article-service outage.
 */
public final class StubArticleService implements AutoCloseable {

	/** The site's taxonomy, as article-service serves it. */
	public static final String SITE_TAXONOMY = """
			[{"key":"news","name":"AI 资讯","children":[{"key":"flash","name":"快讯","children":[]},
			 {"key":"product","name":"产品","children":[]},{"key":"tech","name":"技术","children":[]},
			 {"key":"business","name":"商业","children":[]},{"key":"policy","name":"政策","children":[]},
			 {"key":"startup","name":"初创","children":[]}]},
			 {"key":"resources","name":"资源中心","children":[
			  {"key":"research","name":"深度研究","children":[{"key":"frontier","name":"AI 前沿","children":[]},
			   {"key":"case-study","name":"案例研究","children":[]},{"key":"knowledge","name":"AI 知识库","children":[]}]},
			  {"key":"reports","name":"行业报告","children":[{"key":"whitepaper","name":"白皮书","children":[]},
			   {"key":"industry-report","name":"行业报告","children":[]},{"key":"research-report","name":"研究报告","children":[]},
			   {"key":"tech-talk","name":"技术分享","children":[]},{"key":"special-report","name":"专题报告","children":[]}]},
			  {"key":"cases","name":"精选案例","children":[{"key":"finance","name":"金融行业","children":[]},
			   {"key":"healthcare","name":"医疗行业","children":[]},{"key":"education","name":"教育行业","children":[]},
			   {"key":"retail","name":"零售行业","children":[]},{"key":"manufacturing","name":"制造行业","children":[]}]}]}]
			""";

	public record StubArticle(String id, String category, List<String> tags) {
	}

	private final HttpServer server;

	private final Map<String, StubArticle> articles = new ConcurrentHashMap<>();

	private final Map<String, Duration> slow = new ConcurrentHashMap<>();

	private final AtomicInteger calls = new AtomicInteger();

	private volatile boolean failing;

	private volatile String taxonomy = SITE_TAXONOMY;

	public StubArticleService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// Several requests at once, as article-service would: a slow answer must not hold
		// up the others.
		this.server.setExecutor(Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "stub-article-service");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/api/articles", exchange -> {
			this.calls.incrementAndGet();
			if (this.failing) {
				fail(exchange);
				return;
			}
			String query = exchange.getRequestURI().getRawQuery();
			String ids = URLDecoder.decode(query.replaceFirst("^.*ids=", "").replaceFirst("&.*$", ""),
					StandardCharsets.UTF_8);
			List<String> items = new ArrayList<>();
			for (String id : ids.split(",")) {
				Duration delay = this.slow.get(id);
				if (delay != null) {
					sleep(delay);
				}
				StubArticle article = this.articles.get(id);
				if (article != null) {
					items.add(json(article));
				}
			}
			answer(exchange, "{\"items\":[" + String.join(",", items) + "],\"nextCursor\":null}");
		});
		this.server.createContext("/api/categories", exchange -> {
			this.calls.incrementAndGet();
			if (this.failing) {
				fail(exchange);
				return;
			}
			answer(exchange, this.taxonomy);
		});
		this.server.start();
	}

	private static void fail(HttpExchange exchange) throws IOException {
		exchange.sendResponseHeaders(503, -1);
		exchange.close();
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String json(StubArticle article) {
		String tags = String.join(",", article.tags().stream().map(tag -> "\"" + tag + "\"").toList());
		return "{\"id\":\"" + article.id() + "\",\"slug\":\"slug-" + article.id() + "\",\"title\":\"标题 " + article.id()
				+ "\",\"summary\":\"s\",\"category\":{\"key\":\"" + article.category() + "\",\"name\":\"n\"},\"tags\":["
				+ tags
				+ "],\"publishedAt\":\"2026-03-04T02:00:00Z\",\"coverImage\":null,\"readingMinutes\":1,\"version\":1}";
	}

	public void add(String id, String category, String... tags) {
		this.articles.put(id, new StubArticle(id, category, List.of(tags)));
	}

	/** Makes the lookup of {@code id} take {@code delay}. */
	public void slow(String id, Duration delay) {
		this.slow.put(id, delay);
	}

	/** Serves this taxonomy tree (JSON) from now on. */
	public void setTaxonomy(String taxonomy) {
		this.taxonomy = taxonomy;
	}

	/** Back to no articles, the site's taxonomy, quick answers and no failures. */
	public void clear() {
		this.articles.clear();
		this.slow.clear();
		this.taxonomy = SITE_TAXONOMY;
		this.failing = false;
	}

	public void setFailing(boolean failing) {
		this.failing = failing;
	}

	public int calls() {
		return this.calls.get();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
