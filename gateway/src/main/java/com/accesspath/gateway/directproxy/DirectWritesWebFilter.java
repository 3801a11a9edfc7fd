package com.accesspath.gateway.directproxy;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.accesspath.gateway.clientaddress.ClientAddressResolver;
import com.accesspath.gateway.clientaddress.ClientAddressResolver.ClientAddress;
import com.accesspath.gateway.config.GatewayProperties.DirectWrite;
import com.accesspath.gateway.ratelimit.ClientRateLimits;

/**
 * Anonymous same-origin POSTs of the configured direct writes (the view beacon): the
 * client's rate limit, then the {@link DirectProxy}. A request with credentials or from
 * another origin takes the routes instead, where Spring Security checks the token and
 * CORS answers the origin. Ordered after the body size limit, which still applies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class DirectWritesWebFilter implements WebFilter {

	private final DirectRoutes routes;

	private final DirectProxy proxy;

	private final ClientRateLimits limits;

	private final ClientAddressResolver clients;

	DirectWritesWebFilter(DirectRoutes routes, DirectProxy proxy, ClientRateLimits limits,
			ClientAddressResolver clients) {
		this.routes = routes;
		this.proxy = proxy;
		this.limits = limits;
		this.clients = clients;
	}

	/**
	 * No {@code Origin}, or the site's own: scheme as the client used it (TLS usually
	 * ends at the load balancer, so the gateway's own scheme is not it), host and port as
	 * it asked for them.
	 */
	static boolean isSameOrigin(ServerHttpRequest request, ClientAddress client) {
		String origin = request.getHeaders().getOrigin();
		if (origin == null) {
			return true;
		}
		String host = (client.host() != null) ? client.host() : request.getHeaders().getFirst(HttpHeaders.HOST);
		try {
			URI originUri = URI.create(origin);
			URI requested = URI.create(client.proto() + "://" + host);
			return host != null && originUri.getScheme() != null && originUri.getHost() != null
					&& originUri.getScheme().equalsIgnoreCase(requested.getScheme())
					&& originUri.getHost().equalsIgnoreCase(requested.getHost()) && port(originUri) == port(requested);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return chain.filter(exchange);
		}
		DirectWrite write = this.routes.write(request.getPath().pathWithinApplication());
		if (write == null || !isSameOrigin(request, this.clients.resolve(exchange))) {
			return chain.filter(exchange);
		}
		DirectProxy.addEdgeHeaders(exchange.getResponse().getHeaders());
		return this.limits.within(write.limit(), exchange,
				Mono.defer(() -> this.proxy.forward(exchange, write.service())));
	}

}
