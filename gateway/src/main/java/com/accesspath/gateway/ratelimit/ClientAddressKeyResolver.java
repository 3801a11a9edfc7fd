package com.accesspath.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.gateway.clientaddress.ClientAddressResolver;

/** A rate limit counts against the client address the gateway decided on ({@link ClientAddressResolver}). */
@Component
public class ClientAddressKeyResolver implements KeyResolver {

	private final ClientAddressResolver clients;

	ClientAddressKeyResolver(ClientAddressResolver clients) {
		this.clients = clients;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return Mono.just(this.clients.resolve(exchange).address());
	}

}
