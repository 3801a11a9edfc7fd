package com.accesspath.newsletter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** article-service's list and ranking-service's hot list, as local stubs: what digests read. */
final class SiteStub implements AutoCloseable {

	private final HttpServer server;

	SiteStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/articles", exchange -> respond(exchange, """
				{"items":[{"id":"a1","slug":"openai-nato","title":"OpenAI 与北约商谈","summary":"国防业务扩张"},
				{"id":"a2","slug":"anthropic-350b","title":"Anthropic 估值升至 3500 亿美元","summary":"员工股份出售"}],"nextCursor":null}"""));
		this.server.createContext("/api/rankings/hot", exchange -> respond(exchange, """
				{"window":"24h","items":[{"rank":1,"article":{"id":"a3","slug":"uae-ark","title":"阿联酋基因方舟"},"views":40,"totalViews":40}]}"""));
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
