package com.accesspath.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Every request gets an {@code X-Request-Id} (the client's, when it is a sane one), passed on to the services and
 * echoed in the response, so one request can be followed through every log. The id is kept in an exchange
 * attribute; only calls that leave the gateway carry it as a request header (the routes through
 * {@link ToServices}, the direct proxy and the page calls by {@link #of}), so an answer from the edge cache costs no
 * copy of the request's headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

	public static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";

	/** Anything else is replaced: the id ends up in logs and headers, so it must not carry arbitrary text. */
	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String id = acceptOrCreate(exchange.getRequest().getHeaders().getFirst(HEADER));
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
		return (id != null) ? id : acceptOrCreate(exchange.getRequest().getHeaders().getFirst(HEADER));
	}

	static String acceptOrCreate(String candidate) {
		if (candidate != null && ACCEPTABLE.matcher(candidate).matches()) {
			return candidate;
		}
		// A version-4 UUID from a fast random source: an id only tells requests apart, it guards nothing, and
		// UUID.randomUUID()'s SecureRandom was a visible share of a small request's CPU.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
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
