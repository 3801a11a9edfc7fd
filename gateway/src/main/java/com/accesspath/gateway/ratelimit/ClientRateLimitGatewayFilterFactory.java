package com.accesspath.gateway.ratelimit;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;
import com.accesspath.gateway.config.GatewayProperties;

/**
 * {@code ClientRateLimit=<limit name>}: Spring Cloud Gateway's Redis token bucket per client, answering 429 as
 * problem+json with {@code Retry-After} (the built-in filter answers an empty 429). When Redis is down the limiter
 * lets requests through (fail open): the site stays usable, and the services' own validation still applies.
 */
@Component
public class ClientRateLimitGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ClientRateLimitGatewayFilterFactory.Config> {

	public static class Config {

		private String limit;

		public String getLimit() {
			return this.limit;
		}

		public void setLimit(String limit) {
			this.limit = limit;
		}

	}

	private final RedisRateLimiter rateLimiter;

	private final ClientAddressKeyResolver clients;

	private final GatewayProperties properties;

	ClientRateLimitGatewayFilterFactory(RedisRateLimiter rateLimiter, ClientAddressKeyResolver clients,
			GatewayProperties properties) {
		super(Config.class);
		this.rateLimiter = rateLimiter;
		this.clients = clients;
		this.properties = properties;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("limit");
	}

	@Override
	public GatewayFilter apply(Config config) {
		GatewayProperties.Limit limit = (this.properties.limits() == null) ? null : this.properties.limits().get(config.getLimit());
		if (limit == null) {
			throw new IllegalStateException("No rate limit '" + config.getLimit() + "' under accesspath.gateway.limits");
		}
		String bucket = "limit-" + config.getLimit();
		this.rateLimiter.getConfig()
			.put(bucket, new RedisRateLimiter.Config().setReplenishRate(limit.replenishRate())
				.setBurstCapacity(limit.burstCapacity())
				.setRequestedTokens(limit.requestedTokens()));
		String retryAfter = Long.toString(limit.retryAfterSeconds());
		return (exchange, chain) -> this.clients.resolve(exchange)
			.flatMap(client -> this.rateLimiter.isAllowed(bucket, config.getLimit() + ":" + client))
			.flatMap(response -> {
				if (response.isAllowed()) {
					return chain.filter(exchange);
				}
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
				return ReactiveSecurityAutoConfiguration.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
						"Too many requests from your address; try again in " + retryAfter + " s.");
			})
			.then(Mono.empty());
	}

}
