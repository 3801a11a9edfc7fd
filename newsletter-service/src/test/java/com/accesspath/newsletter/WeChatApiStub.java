package com.accesspath.newsletter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * A local stand-in for WeChat's API (the real one cannot be reached from here): access
 * token, QR code tickets, the JS-SDK's jsapi_ticket, the custom menu and the follower
 * list (paged as WeChat pages it).
 */
public final class WeChatApiStub extends JsonStubServer {

	public final AtomicInteger tokenCalls = new AtomicInteger();

	final AtomicInteger qrCalls = new AtomicInteger();

	public final AtomicInteger jsapiTicketCalls = new AtomicInteger();

	/** What getticket answers instead of a ticket (an error), or null for a ticket. */
	public volatile String jsapiTicketError;

	/** Every call answered with a 502, as when WeChat cannot be reached. */
	public volatile boolean down;

	public final AtomicInteger menuCalls = new AtomicInteger();

	/** The bodies of the menu/create calls that WeChat accepted. */
	public final List<String> menusCreated = new CopyOnWriteArrayList<>();

	/** What menu/create answers instead of success (an error), or null. */
	public volatile String menuError;

	public final AtomicInteger userListCalls = new AtomicInteger();

	/** The account's followers, in WeChat's order. */
	public volatile List<String> followers = List.of();

	/** Open ids per page (WeChat's is 10,000). */
	public volatile int followersPerPage = 10_000;

	/**
	 * The user/get call (1, 2, …, counted since the last reset) answered with an error.
	 */
	public volatile int userListFailingCall;

	/**
	 * What user/get answers for a {@code next_openid} (empty for the first page) instead
	 * of the list, or null.
	 */
	public volatile Function<String, String> userListAnswer;

	public WeChatApiStub() throws IOException {
		route("/cgi-bin/token", exchange -> {
			this.tokenCalls.incrementAndGet();
			respond(exchange, "{\"access_token\":\"stub-token-" + this.tokenCalls.get() + "\",\"expires_in\":7200}");
		});
		route("/cgi-bin/qrcode/create", exchange -> {
			this.qrCalls.incrementAndGet();
			String query = exchange.getRequestURI().getQuery();
			if (query == null || !query.contains("access_token=stub-token-")) {
				respond(exchange, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
				return;
			}
			respond(exchange, "{\"ticket\":\"ticket-" + this.qrCalls.get()
					+ "\",\"expire_seconds\":2592000,\"url\":\"http://weixin.qq.com/q/x\"}");
		});
		route("/cgi-bin/ticket/getticket", exchange -> {
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
			// Slow enough that concurrent requests find the fetch still under way.
			pause(300);
			respond(exchange,
					"{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"jsapi-ticket-" + call + "\",\"expires_in\":7200}");
		});
		route("/cgi-bin/menu/create", exchange -> {
			this.menuCalls.incrementAndGet();
			String body = body(exchange);
			// Slow enough that replicas pushing at once find the push still under way.
			pause(200);
			if (!hasToken(exchange)) {
				respond(exchange, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
			}
			else if (this.menuError != null) {
				respond(exchange, this.menuError);
			}
			else {
				this.menusCreated.add(body);
				respond(exchange, "{\"errcode\":0,\"errmsg\":\"ok\"}");
			}
		});
		route("/cgi-bin/user/get", exchange -> {
			int call = this.userListCalls.incrementAndGet();
			String next = query(exchange).getOrDefault("next_openid", "");
			if (!hasToken(exchange) || call == this.userListFailingCall) {
				respond(exchange, "{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}");
				return;
			}
			Function<String, String> answer = this.userListAnswer;
			if (answer != null) {
				respond(exchange, answer.apply(next));
				return;
			}
			List<String> all = this.followers;
			int from = next.isEmpty() ? 0 : all.indexOf(next) + 1;
			List<String> page = all.subList(Math.min(from, all.size()),
					Math.min(all.size(), from + this.followersPerPage));
			// As WeChat does: next_openid is the page's last open id, and the call after
			// the last page answers count 0.
			String ids = page.stream().map((id) -> "\"" + id + "\"").collect(Collectors.joining(","));
			respond(exchange,
					"{\"total\":" + all.size() + ",\"count\":" + page.size()
							+ (page.isEmpty() ? "" : ",\"data\":{\"openid\":[" + ids + "]}") + ",\"next_openid\":\""
							+ (page.isEmpty() ? "" : page.get(page.size() - 1)) + "\"}");
		});
		this.server.start();
	}

	/** Every path answered as WeChat's API is when its gateway is down. */
	private void route(String path, HttpHandler handler) {
		this.server.createContext(path, (exchange) -> {
			if (this.down) {
				respond(exchange, 502, "<html><body>502 Bad Gateway</body></html>");
				return;
			}
			handler.handle(exchange);
		});
	}

	/** Answers as WeChat does, nothing failing, nothing counted. */
	public void reset() {
		this.menuCalls.set(0);
		this.menusCreated.clear();
		this.menuError = null;
		this.userListCalls.set(0);
		this.followers = List.of();
		this.followersPerPage = 10_000;
		this.userListFailingCall = 0;
		this.userListAnswer = null;
		this.down = false;
	}

	private static boolean hasToken(HttpExchange exchange) {
		return query(exchange).getOrDefault("access_token", "").startsWith("stub-token-");
	}

	private static Map<String, String> query(HttpExchange exchange) {
		String query = exchange.getRequestURI().getQuery();
		if (query == null || query.isEmpty()) {
			return Map.of();
		}
		return Arrays.stream(query.split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> (pair.length > 1) ? pair[1] : "", (a, b) -> b));
	}

	private static String body(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
