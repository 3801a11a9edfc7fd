package com.accesspath.newsletter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for WeChat's API (the real one cannot be reached from here): access
 * token, QR code tickets and the JS-SDK's jsapi_ticket.
 */
public final class WeChatApiStub extends JsonStubServer {

	public final AtomicInteger tokenCalls = new AtomicInteger();

	final AtomicInteger qrCalls = new AtomicInteger();

	public final AtomicInteger jsapiTicketCalls = new AtomicInteger();

	/** What getticket answers instead of a ticket (an error), or null for a ticket. */
	public volatile String jsapiTicketError;

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
		this.server.createContext("/cgi-bin/ticket/getticket", exchange -> {
			int call = this.jsapiTicketCalls.incrementAndGet();
			String query = exchange.getRequestURI().getQuery();
			if (query == null || !query.contains("type=jsapi") || !query.contains("access_token=stub-token-")) {
				respond(exchange, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
				return;
			}
			if (this.jsapiTicketError != null) {
				respond(exchange, this.jsapiTicketError);
				return;
			}
			try {
				// Slow enough that concurrent requests find the fetch still under way.
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange,
					"{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"jsapi-ticket-" + call + "\",\"expires_in\":7200}");
		});
		this.server.start();
	}

}
