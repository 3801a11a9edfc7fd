package com.accesspath.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.accesspath.boot.AccessPathProperties;
import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;

/**
 * 413 for bodies over the limit (public writes 64 KiB, admin writes larger, the media
 * library's uploads larger still), before they reach a service: at once when
 * {@code Content-Length} says so, or as soon as a chunked body grows past it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitWebFilter implements WebFilter {

	private final AccessPathProperties.Web limits;

	BodySizeLimitWebFilter(AccessPathProperties properties) {
		this.limits = properties.web();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long limit = this.limits.maxBodySize(exchange.getRequest().getPath().value());
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > limit) {
			return ReactiveSecurityAutoConfiguration.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than " + limit + " bytes.");
		}
		if (declared >= 0) {
			return chain.filter(exchange);
		}
		AtomicLong read = new AtomicLong();
		ServerHttpRequestDecorator limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().doOnNext(buffer -> {
					if (read.addAndGet(buffer.readableByteCount()) > limit) {
						DataBufferUtils.release(buffer);
						throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
								"The request body is larger than " + limit + " bytes.");
					}
				});
			}
		};
		return chain.filter(exchange.mutate().request(limited).build());
	}

}
