package com.accesspath.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.gateway.config.GatewayProperties;

/**
 * The client a rate limit counts against: the connecting address, unless that address is a configured trusted proxy;
 * then the nearest {@code X-Forwarded-For} hop that is not one (so a client cannot pick its own key by sending the
 * header itself).
 */
@Component
public class ClientAddressKeyResolver implements KeyResolver {

	private final Set<String> trustedProxies;

	ClientAddressKeyResolver(GatewayProperties properties) {
		this.trustedProxies = Set.copyOf(properties.trustedProxies());
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return Mono.just(clientOf(exchange));
	}

	String clientOf(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String address = (remote == null || remote.getAddress() == null) ? "unknown" : remote.getAddress().getHostAddress();
		if (!this.trustedProxies.contains(address)) {
			return address;
		}
		List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).strip();
			if (!hop.isEmpty() && !this.trustedProxies.contains(hop)) {
				return hop;
			}
		}
		return address;
	}

}
