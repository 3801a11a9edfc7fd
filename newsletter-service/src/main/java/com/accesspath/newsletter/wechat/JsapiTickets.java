package com.accesspath.newsletter.wechat;

import java.time.Duration;
import java.util.Optional;

import com.google.gson.JsonObject;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.json.GsonParser;
import me.chanjar.weixin.mp.api.WxMpService;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.newsletter.NewsletterKeys;

/**
 * The JS-SDK's jsapi_ticket, one for all replicas: kept in Redis until shortly before it
 * expires. When it is missing, the replica that takes the lock (SET NX PX) asks WeChat;
 * every other request waits a little for it to appear. A failed fetch is remembered for a
 * few seconds, so an outage answers 503 at once instead of asking WeChat on every
 * request; nothing waits longer than the WeChat timeouts or {@code ticketWait}.
 */
@Component
class JsapiTickets {

	static final String WECHAT = "wechat";

	/** Stored for {@code expires_in} minus this: never handed out about to expire. */
	static final Duration MARGIN = Duration.ofMinutes(5);

	/** Longer than one fetch can take (two WeChat calls within their timeouts). */
	static final Duration LOCK_LEASE = Duration.ofSeconds(30);

	static final Duration DOWN_FOR = Duration.ofSeconds(10);

	private static final Duration POLL = Duration.ofMillis(50);

	private final WxMpService wechat;

	private final StringRedisTemplate redis;

	private final WeChatProperties properties;

	private final Fallbacks fallbacks;

	JsapiTickets(WxMpService wechat, StringRedisTemplate redis, WeChatProperties properties, Fallbacks fallbacks) {
		this.wechat = wechat;
		this.redis = redis;
		this.properties = properties;
		this.fallbacks = fallbacks;
	}

	/**
	 * The current ticket.
	 * @throws ResponseStatusException 503 when WeChat cannot give one now
	 */
	String current() {
		String appId = this.properties.appId();
		if (!this.properties.apiConfigured()) {
			throw unavailable("WeChat's official account is not configured.", null);
		}
		String key = NewsletterKeys.wechatJsapiTicket(appId);
		String ticket = this.redis.opsForValue().get(key);
		if (ticket != null) {
			return ticket;
		}
		long deadline = System.nanoTime() + this.properties.ticketWait().toNanos();
		String lock = NewsletterKeys.wechatJsapiTicketLock(appId);
		while (true) {
			if (Boolean.TRUE.equals(this.redis.hasKey(NewsletterKeys.wechatJsapiTicketDown(appId)))) {
				throw unavailable("WeChat did not give a jsapi_ticket; try again shortly.", null);
			}
			Optional<RedisLock> held = RedisLock.tryAcquire(this.redis, lock, LOCK_LEASE);
			if (held.isPresent()) {
				try (RedisLock fetching = held.get()) {
					ticket = this.redis.opsForValue().get(key);
					return (ticket != null) ? ticket : fetch(appId, key);
				}
			}
			sleep();
			ticket = this.redis.opsForValue().get(key);
			if (ticket != null) {
				return ticket;
			}
			if (System.nanoTime() - deadline > 0) {
				throw unavailable("Another replica is still fetching the jsapi_ticket; try again shortly.", null);
			}
		}
	}

	private String fetch(String appId, String key) {
		try {
			// WxJava adds the shared access token (and renews it once if WeChat refuses
			// it).
			String answer = this.wechat.get(this.properties.apiBaseUrl() + "/cgi-bin/ticket/getticket", "type=jsapi");
			JsonObject json = GsonParser.parse(answer);
			int errcode = json.has("errcode") ? json.get("errcode").getAsInt() : 0;
			if (errcode != 0 || !json.has("ticket")) {
				throw new IllegalStateException("getticket answered errcode " + errcode + ": "
						+ (json.has("errmsg") ? json.get("errmsg").getAsString() : ""));
			}
			String ticket = json.get("ticket").getAsString();
			long expiresIn = json.has("expires_in") ? json.get("expires_in").getAsLong() : 7200;
			long usable = Math.max(60, expiresIn - MARGIN.toSeconds());
			this.redis.opsForValue().set(key, ticket, Duration.ofSeconds(usable));
			this.fallbacks.recovered(WECHAT);
			return ticket;
		}
		catch (WxErrorException | RuntimeException ex) {
			this.fallbacks.degraded(WECHAT, "jssdk-config answers 503 (share cards fall back to plain links)", ex);
			this.redis.opsForValue().set(NewsletterKeys.wechatJsapiTicketDown(appId), "1", DOWN_FOR);
			throw unavailable("WeChat did not give a jsapi_ticket; try again shortly.", ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("Interrupted while waiting for the jsapi_ticket.", ex);
		}
	}

	private static ResponseStatusException unavailable(String reason, Throwable cause) {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, reason, cause);
	}

}
