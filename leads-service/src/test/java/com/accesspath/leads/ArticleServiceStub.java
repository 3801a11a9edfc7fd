package com.accesspath.leads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for article-service's public API (running the real service needs its
 * own database and a second Spring context): the taxonomy as API.md lists it, read from a
 * resource; a few published articles per category and tag for the lists; the articles a
 * test puts in by slug (404 for any other). It records the list queries it was asked, and
 * can fail like a service that is down.
 */
public final class ArticleServiceStub implements AutoCloseable {

	private final HttpServer server;

	private final List<String> queries = new CopyOnWriteArrayList<>();

	private final Map<String, String> articles = new ConcurrentHashMap<>();

	private volatile boolean down;

	ArticleServiceStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/api/categories", exchange -> answer(exchange, 200, resource("categories.json")));
		this.server.createContext("/api/articles", exchange -> {
			String query = exchange.getRequestURI().getRawQuery();
			this.queries.add(query);
			answer(exchange, 200, articles(URI.create("http://stub/?" + query)));
		});
		this.server.createContext("/api/articles/", exchange -> {
			String slug = exchange.getRequestURI().getPath().substring("/api/articles/".length());
			String article = this.articles.get(slug);
			answer(exchange, (article != null) ? 200 : 404, (article != null) ? article : "{\"status\": 404}");
		});
		this.server.start();
	}

	/**
	 * Published articles: two per category key asked for, tagged with the tag asked for.
	 */
	private static String articles(URI uri) {
		String category = parameter(uri, "category");
		String tag = parameter(uri, "tag");
		StringBuilder items = new StringBuilder();
		for (int i = 1; i <= 2; i++) {
			String id = category + "-" + ((tag != null) ? "t" + Math.abs(tag.hashCode()) + "-" : "") + i;
			items.append(items.isEmpty() ? "" : ",")
				.append("""
						{"id": "%s", "slug": "%s", "title": "%s 的文章 %d%s", "summary": "摘要 %d",
						 "coverImage": null, "category": {"key": "%s", "name": "%s"}, "tags": [%s],
						 "author": {"name": "AccessPath"}, "sources": [], "status": "PUBLISHED",
						 "publishedAt": "2026-03-0%dT08:00:00Z", "updatedAt": "2026-03-0%dT08:00:00Z", "readingMinutes": 3,
						 "version": 1, "addedLater": true}
						"""
					.formatted(id, id, category, i, (tag != null) ? "(" + tag + ")" : "", i, category, category,
							(tag != null) ? "\"" + tag + "\"" : "", i, i));
		}
		return "{\"items\": [" + items + "], \"nextCursor\": null}";
	}

	private static String parameter(URI uri, String name) {
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equals(name)) {
				return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static String resource(String name) throws IOException {
		try (var in = ArticleServiceStub.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private void answer(HttpExchange exchange, int status, String json) throws IOException {
		int sent = this.down ? 503 : status;
		byte[] body = ((sent == 200) ? json : "{\"status\": " + sent + "}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (sent == 200) ? "application/json" : "application/problem+json");
		exchange.sendResponseHeaders(sent, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * A published article with this slug and title, offering {@code attachment} (or
	 * nothing: null).
	 */
	public void article(String slug, String title, String attachment) {
		this.articles.put(slug,
				"{\"id\":\"6650c3f1e4b0a72b9c0d1e2f\",\"slug\":\"" + slug + "\",\"title\":\"" + title
						+ "\",\"category\":{\"key\":\"k\",\"name\":\"白皮书\"},\"attachment\":"
						+ ((attachment != null) ? "\"" + attachment + "\"" : "null") + "}");
	}

	/** Every answer a 503 while {@code down}. */
	public void down(boolean down) {
		this.down = down;
	}

	public void reset() {
		this.articles.clear();
		this.queries.clear();
		this.down = false;
	}

	/** The raw queries of {@code GET /api/articles}, in order. */
	public List<String> queries() {
		return this.queries;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
