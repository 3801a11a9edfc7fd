package com.accesspath.gateway.clientaddress;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.gateway.clientaddress.ClientAddressResolver.ClientAddress;

/**
 * What a service is told about the client: exactly the address the gateway decided on, in
 * {@code X-Forwarded-For} (the services' Tomcat believes it from the gateway), and the
 * scheme. Whatever forwarding headers the client sent are replaced, never appended to: a
 * spoofed {@code X-Forwarded-For} or {@code Forwarded} stops here. The host is passed on
 * only when a trusted proxy stated it; links are built from {@code SITE_URL} anyway.
 */
@Component
class ForwardedHeadersToServices implements HttpHeadersFilter, Ordered {

	private static final String[] REPLACED = { ClientAddressResolver.X_FORWARDED_FOR, ClientAddressResolver.FORWARDED,
			ClientAddressResolver.X_FORWARDED_PROTO, ClientAddressResolver.X_FORWARDED_HOST, "X-Forwarded-Port",
			"X-Forwarded-Prefix", "X-Real-IP" };

	private final ClientAddressResolver clients;

	ForwardedHeadersToServices(ClientAddressResolver clients) {
		this.clients = clients;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		ClientAddress client = this.clients.resolve(exchange);
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		for (String name : REPLACED) {
			headers.remove(name);
		}
		headers.set(ClientAddressResolver.X_FORWARDED_FOR, client.address());
		headers.set(ClientAddressResolver.X_FORWARDED_PROTO, client.proto());
		if (client.host() != null) {
			headers.set(ClientAddressResolver.X_FORWARDED_HOST, client.host());
		}
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	/**
	 * Last: whatever the gateway's own header filters wrote about forwarding is replaced
	 * too.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
