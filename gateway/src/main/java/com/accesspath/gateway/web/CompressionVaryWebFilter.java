package com.accesspath.gateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@code Vary: Accept-Encoding} on every answer of a type the gateway compresses
 * ({@code server.compression.mime-types}), whatever its size or this client's
 * {@code Accept-Encoding}: the same URL is gzip for one client and identity for another,
 * and a shared cache between them (a CDN, a company proxy) must keep the two apart.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CompressionVaryWebFilter implements WebFilter {

	private static final String ACCEPT_ENCODING = "Accept-Encoding";

	private final List<MediaType> compressed;

	private final boolean enabled;

	CompressionVaryWebFilter(@Value("${server.compression.enabled:false}") boolean enabled,
			@Value("${server.compression.mime-types:}") List<String> mimeTypes) {
		this.enabled = enabled;
		this.compressed = mimeTypes.stream().filter(type -> !type.isBlank()).map(MediaType::parseMediaType).toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.enabled) {
			exchange.getResponse().beforeCommit(() -> {
				addVary(exchange.getResponse().getHeaders());
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

	void addVary(HttpHeaders headers) {
		MediaType type;
		try {
			type = headers.getContentType();
		}
		catch (RuntimeException ex) {
			return;
		}
		if (type == null || this.compressed.stream().noneMatch(compressible -> compressible.isCompatibleWith(type))) {
			return;
		}
		List<String> vary = new ArrayList<>();
		for (String value : headers.getOrEmpty(HttpHeaders.VARY)) {
			for (String name : value.split(",")) {
				String trimmed = name.strip();
				if (trimmed.equals("*") || trimmed.toLowerCase(Locale.ROOT).equals("accept-encoding")) {
					return;
				}
				if (!trimmed.isEmpty()) {
					vary.add(trimmed);
				}
			}
		}
		vary.add(ACCEPT_ENCODING);
		headers.put(HttpHeaders.VARY, vary);
	}

}
