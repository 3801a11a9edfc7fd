package com.accesspath.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP stand-in for one service, whose behaviour per "METHOD path" the test sets:
 * an answer, or a hang. It counts calls and keeps the last request's headers.
 */
final class StubBackend implements AutoCloseable {

	record Answer(int status, String body, long delayMillis, Map<String, String> headers) {
	}

	private volatile HttpServer server;

	private final int port;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, Headers> lastHeaders = new ConcurrentHashMap<>();

	/** Every request's method and path as it came over the wire (still encoded). */
	private final java.util.Queue<String> rawRequests = new java.util.concurrent.ConcurrentLinkedQueue<>();

	StubBackend() {
		this.server = start(0);
		this.port = this.server.getAddress().getPort();
	}

	private HttpServer start(int port) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", exchange -> {
			String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
			this.calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
			this.lastHeaders.put(key, exchange.getRequestHeaders());
			this.rawRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
			exchange.getRequestBody().readAllBytes();
			Answer answer = this.answers.getOrDefault(key, new Answer(404, "{\"status\":404}", 0, Map.of()));
			try {
				Thread.sleep(answer.delayMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.getResponseHeaders().set("X-Powered-By", "stub");
			answer.headers().forEach(exchange.getResponseHeaders()::set);
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
			catch (IOException ex) {
				// the gateway gave up waiting
			}
		});
		server.start();
		return server;
	}

	/**
	 * The service goes away: connections to its port are refused until
	 * {@link #restart()}.
	 */
	void stop() {
		this.server.stop(0);
	}

	/** The service is back, on the same port. */
	void restart() {
		this.server = start(this.port);
	}

	StubBackend answer(String methodAndPath, int status, String body) {
		return answer(methodAndPath, status, body, Map.of());
	}

	/**
	 * An answer with these response headers (e.g. {@code Cache-Control}, {@code ETag}).
	 */
	StubBackend answer(String methodAndPath, int status, String body, Map<String, String> headers) {
		this.answers.put(methodAndPath, new Answer(status, body, 0, headers));
		return this;
	}

	/** An answer given only after {@code delayMillis}. */
	StubBackend answerSlowly(String methodAndPath, int status, String body, Map<String, String> headers,
			long delayMillis) {
		this.answers.put(methodAndPath, new Answer(status, body, delayMillis, headers));
		return this;
	}

	StubBackend hang(String methodAndPath) {
		this.answers.put(methodAndPath, new Answer(200, "{}", 30_000, Map.of()));
		return this;
	}

	int calls(String methodAndPath) {
		AtomicInteger count = this.calls.get(methodAndPath);
		return (count == null) ? 0 : count.get();
	}

	Headers lastHeaders(String methodAndPath) {
		return this.lastHeaders.get(methodAndPath);
	}

	/** The method and raw path of every request since the last reset, in order. */
	java.util.List<String> rawRequests() {
		return java.util.List.copyOf(this.rawRequests);
	}

	void reset() {
		this.rawRequests.clear();
		this.answers.clear();
		this.calls.clear();
		this.lastHeaders.clear();
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
