package com.accesspath.gateway.clientaddress;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.util.NetUtil;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.gateway.config.GatewayProperties;

/**
 * Decides who the client is (API.md, "Client address"). A connection from anyone but a
 * trusted proxy is the client itself, whatever its headers say. A connection from a
 * trusted proxy is believed about the hops before it: the forwarding header is read from
 * the right (nearest hop) and the first address that is not itself a trusted proxy is the
 * client. Only the header the proxies are configured to write is read
 * ({@code X-Forwarded-For} or {@code Forwarded}): a proxy passes the other one through
 * from the client untouched, so believing it would let the client choose.
 * <p>
 * The decision is made once per exchange and kept in its attributes: the rate limiter,
 * the headers sent to the services and the logs all see the same answer.
 */
@Component
public class ClientAddressResolver {

	/** Exchange attribute holding the {@link ClientAddress} decided for the request. */
	public static final String ATTRIBUTE = ClientAddress.class.getName();

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	static final String X_FORWARDED_HOST = "X-Forwarded-Host";

	static final String FORWARDED = "Forwarded";

	/**
	 * @param address the client's IP address (literal)
	 * @param proto the scheme the client used ({@code http} or {@code https})
	 * @param host the host the client asked for, when a trusted proxy said so; else null
	 * @param viaTrustedProxy whether the connection came from a trusted proxy
	 */
	public record ClientAddress(String address, String proto, String host, boolean viaTrustedProxy) {
	}

	private final TrustedProxies trustedProxies;

	private final boolean standardHeader;

	public ClientAddressResolver(GatewayProperties properties) {
		this.trustedProxies = TrustedProxies.of(properties.trustedProxies());
		String header = properties.forwardedHeader();
		if (FORWARDED.equalsIgnoreCase(header)) {
			this.standardHeader = true;
		}
		else if (X_FORWARDED_FOR.equalsIgnoreCase(header)) {
			this.standardHeader = false;
		}
		else {
			throw new IllegalArgumentException(
					"accesspath.gateway.forwarded-header must be X-Forwarded-For or Forwarded, not '" + header + "'");
		}
	}

	/** The client of this exchange, decided on first use. */
	public ClientAddress resolve(ServerWebExchange exchange) {
		ClientAddress decided = exchange.getAttribute(ATTRIBUTE);
		if (decided == null) {
			decided = decide(exchange.getRequest());
			exchange.getAttributes().put(ATTRIBUTE, decided);
		}
		return decided;
	}

	ClientAddress decide(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote == null || remote.getAddress() == null) ? "0.0.0.0"
				: remote.getAddress().getHostAddress();
		String scheme = (request.getURI().getScheme() != null) ? request.getURI().getScheme() : "http";
		if (this.trustedProxies.isEmpty() || !this.trustedProxies.contains(peer)) {
			return new ClientAddress(normalise(peer), scheme, null, false);
		}
		HttpHeaders headers = request.getHeaders();
		List<String> hops = this.standardHeader ? forwardedFor(headers) : xForwardedFor(headers);
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (TrustedProxies.parse(hop) == null) {
				// Garbage or an obfuscated identifier recorded by a trusted hop: the last
				// address known is the client.
				break;
			}
			client = hop;
			if (!this.trustedProxies.contains(hop)) {
				break;
			}
		}
		String proto = this.standardHeader ? forwardedParameter(headers, "proto")
				: lastValue(headers, X_FORWARDED_PROTO);
		String host = this.standardHeader ? forwardedParameter(headers, "host") : lastValue(headers, X_FORWARDED_HOST);
		proto = ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) ? proto.toLowerCase(Locale.ROOT)
				: scheme;
		return new ClientAddress(normalise(client), proto, (host != null && isHost(host)) ? host : null, true);
	}

	/**
	 * Every {@code X-Forwarded-For} hop, leftmost (farthest) first, over all header
	 * lines.
	 */
	private static List<String> xForwardedFor(HttpHeaders headers) {
		List<String> hops = new ArrayList<>();
		for (String line : headers.getOrEmpty(X_FORWARDED_FOR)) {
			for (String hop : line.split(",")) {
				hops.add(stripPortAndBrackets(hop.strip()));
			}
		}
		return hops;
	}

	/** The {@code for=} of every {@code Forwarded} element (RFC 7239), leftmost first. */
	private static List<String> forwardedFor(HttpHeaders headers) {
		List<String> hops = new ArrayList<>();
		for (String line : headers.getOrEmpty(FORWARDED)) {
			for (String element : line.split(",")) {
				String value = parameter(element, "for");
				hops.add((value == null) ? "" : stripPortAndBrackets(value));
			}
		}
		return hops;
	}

	/**
	 * A parameter of the last {@code Forwarded} element: the one the nearest trusted
	 * proxy wrote.
	 */
	private static String forwardedParameter(HttpHeaders headers, String name) {
		List<String> lines = headers.getOrEmpty(FORWARDED);
		if (lines.isEmpty()) {
			return null;
		}
		String[] elements = lines.get(lines.size() - 1).split(",");
		return parameter(elements[elements.length - 1], name);
	}

	private static String parameter(String element, String name) {
		for (String pair : element.split(";")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase(name)) {
				String value = pair.substring(equals + 1).strip();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				return value;
			}
		}
		return null;
	}

	private static String lastValue(HttpHeaders headers, String name) {
		List<String> lines = headers.getOrEmpty(name);
		if (lines.isEmpty()) {
			return null;
		}
		String[] values = lines.get(lines.size() - 1).split(",");
		return values[values.length - 1].strip();
	}

	/**
	 * {@code [2001:db8::1]:4711} → {@code 2001:db8::1}; {@code 192.0.2.1:80} →
	 * {@code 192.0.2.1}.
	 */
	static String stripPortAndBrackets(String hop) {
		if (hop.startsWith("[")) {
			int close = hop.indexOf(']');
			return (close > 0) ? hop.substring(1, close) : hop;
		}
		int colon = hop.indexOf(':');
		if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
			return hop.substring(0, colon);
		}
		return hop;
	}

	/**
	 * The canonical text of a literal address, so one client is one key however it was
	 * written.
	 */
	private static String normalise(String address) {
		byte[] bytes = TrustedProxies.parse(address);
		if (bytes == null) {
			return address;
		}
		return NetUtil.bytesToIpAddress(bytes).toLowerCase(Locale.ROOT);
	}

	private static boolean isHost(String host) {
		return host.length() <= 255 && host.matches("[A-Za-z0-9.\\-\\[\\]:]+");
	}

}
