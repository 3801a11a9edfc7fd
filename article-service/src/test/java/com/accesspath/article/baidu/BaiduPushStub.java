package com.accesspath.article.baidu;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Baidu's push API (the real one cannot be reached from here): it
 * records every request and answers the scripted answers first, then {@code remain}.
 */
final class BaiduPushStub implements AutoCloseable {

	record Request(String path, Map<String, String> query, String contentType, List<String> urls) {
	}

	record Answer(int status, String json) {
	}

	/** An answer's status meaning: close the connection without answering. */
	static final int DROP = -1;

	final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

	final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();

	volatile int remain = 99;

	private final HttpServer server;

	BaiduPushStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/urls", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			List<String> urls = body.isEmpty() ? List.of() : List.of(body.split("\n"));
			this.requests
				.add(new Request(exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()),
						exchange.getRequestHeaders().getFirst("Content-Type"), urls));
			Answer answer = this.scripted.poll();
			if (answer != null && answer.status() == DROP) {
				exchange.close();
				return;
			}
			if (answer == null) {
				answer = new Answer(200, "{\"remain\":" + this.remain + ",\"success\":" + urls.size()
						+ ",\"not_same_site\":[],\"not_valid\":[]}");
			}
			byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), json.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(json);
			}
		});
		this.server.start();
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int equals = pair.indexOf('=');
				query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return query;
	}

	List<String> pushedUrls() {
		synchronized (this.requests) {
			return this.requests.stream().flatMap(request -> request.urls().stream()).toList();
		}
	}

	void reset() {
		this.requests.clear();
		this.scripted.clear();
		this.remain = 99;
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/urls";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
