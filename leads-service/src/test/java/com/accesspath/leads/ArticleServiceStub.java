package com.accesspath.leads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for article-service's public article reads: the articles a test puts
 * in, 404 for any other slug, or 503 for all while {@link #failing} is set.
 */
public final class ArticleServiceStub implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, String> articles = new ConcurrentHashMap<>();

	private volatile boolean failing;

	ArticleServiceStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/api/articles/", exchange -> {
			String slug = exchange.getRequestURI().getPath().substring("/api/articles/".length());
			String article = this.failing ? null : this.articles.get(slug);
			int status = this.failing ? 503 : (article != null) ? 200 : 404;
			byte[] body = ((article != null) ? article : "{\"status\":" + status + "}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Content-Type", (article != null) ? "application/json" : "application/problem+json");
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
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

	public void failing(boolean failing) {
		this.failing = failing;
	}

	public void reset() {
		this.articles.clear();
		this.failing = false;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
