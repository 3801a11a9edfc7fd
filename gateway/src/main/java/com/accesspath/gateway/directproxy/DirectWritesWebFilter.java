package com.accesspath.gateway.directproxy;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.accesspath.gateway.config.GatewayProperties.DirectWrite;
import com.accesspath.gateway.ratelimit.ClientRateLimits;

/**
 * Anonymous same-origin POSTs of the configured direct writes (the view beacon): the client's rate limit, then the
 * {@link DirectProxy}. A request with credentials or from another origin takes the routes instead, where Spring
 * Security checks the token and CORS answers the origin. Ordered after the body size limit, which still applies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class DirectWritesWebFilter implements WebFilter {

	private final DirectRoutes routes;

	private final DirectProxy proxy;

	private final ClientRateLimits limits;

	DirectWritesWebFilter(DirectRoutes routes, DirectProxy proxy, ClientRateLimits limits) {
		this.routes = routes;
		this.proxy = proxy;
		this.limits = limits;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				|| CorsUtils.isCorsRequest(request)) {
			return chain.filter(exchange);
		}
		DirectWrite write = this.routes.write(request.getPath().pathWithinApplication());
		if (write == null) {
			return chain.filter(exchange);
		}
		return this.limits.within(write.limit(), exchange, Mono.defer(() -> this.proxy.forward(exchange, write.service())));
	}

}
