package com.accesspath.ranking;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP stand-in for article-service's batch lookup ({@code GET /api/articles?ids=}), which ranking only reads.
 * It can be made to fail, to drill an article-service outage.
 */
public final class StubArticleService implements AutoCloseable {

	public record StubArticle(String id, String category, List<String> tags) {
	}

	private final HttpServer server;

	private final Map<String, StubArticle> articles = new ConcurrentHashMap<>();

	private final AtomicInteger calls = new AtomicInteger();

	private volatile boolean failing;

	public StubArticleService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/articles", exchange -> {
			this.calls.incrementAndGet();
			if (this.failing) {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
				return;
			}
			String query = exchange.getRequestURI().getRawQuery();
			String ids = URLDecoder.decode(query.replaceFirst("^.*ids=", "").replaceFirst("&.*$", ""), StandardCharsets.UTF_8);
			List<String> items = new ArrayList<>();
			for (String id : ids.split(",")) {
				StubArticle article = this.articles.get(id);
				if (article != null) {
					items.add(json(article));
				}
			}
			byte[] body = ("{\"items\":[" + String.join(",", items) + "],\"nextCursor\":null}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	private static String json(StubArticle article) {
		String tags = String.join(",", article.tags().stream().map(tag -> "\"" + tag + "\"").toList());
		return "{\"id\":\"" + article.id() + "\",\"slug\":\"slug-" + article.id() + "\",\"title\":\"标题 " + article.id()
				+ "\",\"summary\":\"s\",\"category\":{\"key\":\"" + article.category() + "\",\"name\":\"n\"},\"tags\":[" + tags
				+ "],\"publishedAt\":\"2026-03-04T02:00:00Z\",\"coverImage\":null,\"readingMinutes\":1,\"version\":1}";
	}

	public void add(String id, String category, String... tags) {
		this.articles.put(id, new StubArticle(id, category, List.of(tags)));
	}

	public void clear() {
		this.articles.clear();
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
