package com.accesspath.gateway.web;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;
import com.accesspath.gateway.config.GatewayProperties;

/**
 * 431 for a request with more header lines than any client of the API sends. Netty bounds
 * the headers' size ({@code server.max-http-request-header-size}) but not their number,
 * and a service's Tomcat refuses over 100 with an HTML page: the gateway answers first,
 * as problem+json, and the request goes no further.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class HeaderCountLimitWebFilter implements WebFilter {

	private final int maxHeaders;

	HeaderCountLimitWebFilter(GatewayProperties properties) {
		this.maxHeaders = properties.maxRequestHeaders();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		int lines = 0;
		for (Map.Entry<String, List<String>> header : exchange.getRequest().getHeaders().headerSet()) {
			lines += header.getValue().size();
		}
		if (lines > this.maxHeaders) {
			return ReactiveSecurityAutoConfiguration.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					"The request has " + lines + " header lines; at most " + this.maxHeaders + " are accepted.");
		}
		return chain.filter(exchange);
	}

}
