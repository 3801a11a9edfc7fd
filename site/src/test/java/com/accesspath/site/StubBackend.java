package com.accesspath.site;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP stand-in for one service, whose behaviour per "METHOD path" the test sets:
 * an answer, an answer computed from the request's URI, or a hang. It counts calls.
 * Unknown paths answer 404.
 */
public final class StubBackend implements AutoCloseable {

	public record Answer(int status, String body, long delayMillis) {

		public static Answer json(String body) {
			return new Answer(200, body, 0);
		}

	}

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, Function<URI, Answer>> routes = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, Request> lastRequests = new ConcurrentHashMap<>();

	/** What a request carried: its body and its headers (names in lower case). */
	public record Request(String body, Map<String, String> headers) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}

	}

	public StubBackend() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "stub-backend");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/", exchange -> {
			String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
			this.calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
			String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> requestHeaders = new ConcurrentHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> requestHeaders.put(name.toLowerCase(java.util.Locale.ROOT),
						String.join(",", values)));
			this.lastRequests.put(key, new Request(requestBody, requestHeaders));
			Function<URI, Answer> route = this.routes.get(key);
			Answer answer = (route != null) ? route.apply(exchange.getRequestURI())
					: this.answers.getOrDefault(key, new Answer(404, "{\"status\":404}", 0));
			try {
				Thread.sleep(answer.delayMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if (answer.status() / 100 == 3) {
				// A redirect's body names where to.
				exchange.getResponseHeaders().set("Location", answer.body());
				body = new byte[0];
			}
			try {
				exchange.sendResponseHeaders(answer.status(), body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
			catch (IOException ex) {
				// the site gave up waiting
			}
		});
		this.server.start();
	}

	public StubBackend answer(String methodAndPath, int status, String body) {
		this.answers.put(methodAndPath, new Answer(status, body, 0));
		return this;
	}

	/** Answers computed from the request's URI (its query). */
	public StubBackend route(String methodAndPath, Function<URI, Answer> route) {
		this.routes.put(methodAndPath, route);
		return this;
	}

	public StubBackend hang(String methodAndPath) {
		this.routes.remove(methodAndPath);
		this.answers.put(methodAndPath, new Answer(200, "{}", 30_000));
		return this;
	}

	public int calls(String methodAndPath) {
		AtomicInteger count = this.calls.get(methodAndPath);
		return (count == null) ? 0 : count.get();
	}

	/** The last request made to "METHOD path", or null. */
	public Request lastRequest(String methodAndPath) {
		return this.lastRequests.get(methodAndPath);
	}

	public void reset() {
		this.lastRequests.clear();
		this.answers.clear();
		this.routes.clear();
		this.calls.clear();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
