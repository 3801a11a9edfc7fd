package com.accesspath.newsletter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for WeChat's API (the real one cannot be reached from here): access
 * token and QR code tickets.
 */
public final class WeChatApiStub extends JsonStubServer {

	public final AtomicInteger tokenCalls = new AtomicInteger();

	final AtomicInteger qrCalls = new AtomicInteger();

	public WeChatApiStub() throws IOException {
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
			respond(exchange, "{\"ticket\":\"ticket-" + this.qrCalls.get()
					+ "\",\"expire_seconds\":2592000,\"url\":\"http://weixin.qq.com/q/x\"}");
		});
		this.server.start();
	}

}
