package com.accesspath.gateway.cache;

import java.util.function.Predicate;

import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code Anonymous}: the request carries neither a token nor cookies, so its answer is the same for every such
 * client. Only these requests may be answered from the gateway's response cache.
 */
@Component
public class AnonymousRoutePredicateFactory extends AbstractRoutePredicateFactory<Object> {

	public AnonymousRoutePredicateFactory() {
		super(Object.class);
	}

	@Override
	public Predicate<ServerWebExchange> apply(Object config) {
		return exchange -> {
			HttpHeaders headers = exchange.getRequest().getHeaders();
			return !headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader(HttpHeaders.COOKIE);
		};
	}

}
