package com.accesspath.newsletter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A local stand-in for WeChat's API (the real one cannot be reached from here): access token and QR code tickets. */
final class WeChatApiStub implements AutoCloseable {

	private final HttpServer server;

	final AtomicInteger tokenCalls = new AtomicInteger();

	final AtomicInteger qrCalls = new AtomicInteger();

	WeChatApiStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/cgi-bin/token", exchange -> {
			this.tokenCalls.incrementAndGet();
			respond(exchange, "{\"access_token\":\"stub-token-" + this.tokenCalls.get() + "\",\"expires_in\":7200}");
		});
		this.server.createContext("/cgi-bin/qrcode/create", exchange -> {
			this.qrCalls.incrementAndGet();
			String query = exchange.getRequestURI().getQuery();
			if (query == null || !query.contains("access_token=stub-token-")) {
				respond(exchange, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
				return;
			}
			respond(exchange, "{\"ticket\":\"ticket-" + this.qrCalls.get() + "\",\"expire_seconds\":2592000,\"url\":\"http://weixin.qq.com/q/x\"}");
		});
		this.server.start();
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
