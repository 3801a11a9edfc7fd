package com.accesspath.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.accesspath.boot.web.RequestIds;

/**
 * Every request gets an {@code X-Request-Id} (the client's, when it is a sane one),
 * passed on to the services and echoed in the response, so one request can be followed
 * through every log. The id is kept in an exchange attribute; only calls that leave the
 * gateway carry it as a request header (the routes through {@link ToServices}, the direct
 * proxy and the page calls by {@link #of}), so an answer from the edge cache costs no
 * copy of the request's headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

	public static final String HEADER = RequestIds.HEADER;

	static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String id = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(HEADER));
		exchange.getAttributes().put(ATTRIBUTE, id);
		exchange.getResponse().getHeaders().set(HEADER, id);
		exchange.getResponse().beforeCommit(() -> {
			// A backend's copy is replaced, never doubled.
			exchange.getResponse().getHeaders().set(HEADER, id);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	/** The request id of this exchange. */
	public static String of(ServerWebExchange exchange) {
		String id = exchange.getAttribute(ATTRIBUTE);
		return (id != null) ? id : RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(HEADER));
	}

	/** The request id on every call a route makes to a service. */
	@Component
	static class ToServices implements HttpHeadersFilter {

		@Override
		public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
			HttpHeaders headers = new HttpHeaders();
			headers.putAll(input);
			headers.set(HEADER, of(exchange));
			return headers;
		}

	}

}
