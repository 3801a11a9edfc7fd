package com.accesspath.gateway.ratelimit;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ClientRateLimit=<limit name>}: the route counts against one of the
 * {@link ClientRateLimits}.
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

	private final ClientRateLimits limits;

	ClientRateLimitGatewayFilterFactory(ClientRateLimits limits) {
		super(Config.class);
		this.limits = limits;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("limit");
	}

	@Override
	public GatewayFilter apply(Config config) {
		this.limits.requireLimit(config.getLimit());
		return (exchange, chain) -> this.limits.within(config.getLimit(), exchange,
				Mono.defer(() -> chain.filter(exchange)));
	}

}
