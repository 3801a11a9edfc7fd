package com.accesspath.gateway.ratelimit;

import java.util.Arrays;
import java.util.Map;

import io.netty.util.NetUtil;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;
import com.accesspath.gateway.clientaddress.ClientAddressResolver;
import com.accesspath.gateway.config.GatewayProperties;

/**
 * The named rate limits of {@code accesspath.gateway.limits}: Spring Cloud Gateway's
 * Redis token bucket per client address (as the gateway decided it), shared by every
 * replica. A refusal is 429 problem+json with {@code Retry-After}. When Redis is down the
 * limiter lets requests through (fail open): the site stays usable, and the services' own
 * validation still applies.
 */
@Component
public class ClientRateLimits {

	private final RedisRateLimiter rateLimiter;

	private final ClientAddressResolver clients;

	private final Map<String, GatewayProperties.Limit> limits;

	ClientRateLimits(RedisRateLimiter rateLimiter, ClientAddressResolver clients, GatewayProperties properties) {
		this.rateLimiter = rateLimiter;
		this.clients = clients;
		this.limits = (properties.limits() == null) ? Map.of() : properties.limits();
		this.limits.forEach((name, limit) -> rateLimiter.getConfig()
			.put(bucket(name),
					new RedisRateLimiter.Config().setReplenishRate(limit.replenishRate())
						.setBurstCapacity(limit.burstCapacity())
						.setRequestedTokens(limit.requestedTokens())));
	}

	/**
	 * Fails the start for a route or direct write that names a limit nobody configured.
	 */
	public void requireLimit(String name) {
		if (!this.limits.containsKey(name)) {
			throw new IllegalStateException("No rate limit '" + name + "' under accesspath.gateway.limits");
		}
	}

	/** Runs {@code then} when this client is within the limit, else answers 429. */
	public Mono<Void> within(String name, ServerWebExchange exchange, Mono<Void> then) {
		String client = limitKey(this.clients.resolve(exchange).address());
		return this.rateLimiter.isAllowed(bucket(name), name + ":" + client).flatMap(response -> {
			if (response.isAllowed()) {
				return then;
			}
			String retryAfter = Long.toString(this.limits.get(name).retryAfterSeconds());
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
			return ReactiveSecurityAutoConfiguration.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
					"Too many requests from your address; try again in " + retryAfter + " s.");
		});
	}

	/**
	 * The key a client's requests are counted under: its IPv4 address, or the /64 network
	 * of its IPv6 address (one subscriber's allocation; counting each of its 2^64
	 * addresses apart would give no limit at all).
	 */
	static String limitKey(String address) {
		if (address.indexOf(':') < 0) {
			return address;
		}
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
		if (bytes == null || bytes.length != 16) {
			return address;
		}
		Arrays.fill(bytes, 8, 16, (byte) 0);
		return NetUtil.bytesToIpAddress(bytes) + "/64";
	}

	private static String bucket(String name) {
		return "limit-" + name;
	}

}
