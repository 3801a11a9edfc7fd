package com.accesspath.gateway.problem;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * An error a service's web server wrote itself, before the application could (Tomcat's
 * HTML page for a request it refuses: an unencoded {@code [} in a query, too many
 * headers), leaves the gateway as problem+json with the same status, like every other
 * error of the API. Routes whose errors are pages for people (the site) say so with the
 * metadata {@code html-errors: true} and are left alone.
 */
@Component
public class ServiceErrorPageReplacement implements GlobalFilter, Ordered {

	/** Route metadata: this route's error pages are for people and pass unchanged. */
	public static final String HTML_ERRORS = "html-errors";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null && Boolean.parseBoolean(String.valueOf(route.getMetadata().get(HTML_ERRORS)))) {
			return chain.filter(exchange);
		}
		String path = exchange.getRequest().getPath().value();
		return chain.filter(exchange.mutate().response(new Replacing(exchange.getResponse(), path)).build());
	}

	/**
	 * Before the filter that writes the service's answer, so that it writes through this
	 * one.
	 */
	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
	}

	private static final class Replacing extends ServerHttpResponseDecorator {

		private final String path;

		Replacing(ServerHttpResponse delegate, String path) {
			super(delegate);
			this.path = path;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatus status = ServiceErrors.replaceable(getStatusCode(), getHeaders());
			if (status == null) {
				return super.writeWith(body);
			}
			return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(() -> writeProblem(status)));
		}

		@Override
		public Mono<Void> setComplete() {
			HttpStatus status = ServiceErrors.replaceable(getStatusCode(), getHeaders());
			return (status == null) ? super.setComplete() : writeProblem(status);
		}

		private Mono<Void> writeProblem(HttpStatus status) {
			return ServiceErrors.writeProblem(getDelegate(), status, this.path);
		}

	}

}
