package com.accesspath.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Every request gets an {@code X-Request-Id} (the client's, when it is a sane one), passed on to the services and
 * echoed in the response, so one request can be followed through every log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

	public static final String HEADER = "X-Request-Id";

	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = exchange.getRequest().getHeaders().getFirst(HEADER);
		if (requestId == null || !ACCEPTABLE.matcher(requestId).matches()) {
			requestId = UUID.randomUUID().toString();
		}
		String id = requestId;
		ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
		exchange.getResponse().getHeaders().set(HEADER, id);
		exchange.getResponse().beforeCommit(() -> {
			// A backend's copy is replaced, never doubled.
			exchange.getResponse().getHeaders().set(HEADER, id);
			return Mono.empty();
		});
		return chain.filter(exchange.mutate().request(request).build());
	}

}
