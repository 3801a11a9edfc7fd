package com.accesspath.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param corsAllowedOrigins web origins allowed to call the API from a browser
 * @param trustedProxies addresses of proxies (load balancers) whose {@code X-Forwarded-For} is believed
 * @param backends the services, by name: where they are and how long a call may take
 * @param limits rate limits by name (used by the {@code ClientRateLimit} route filter)
 */
@ConfigurationProperties("accesspath.gateway")
public record GatewayProperties(@DefaultValue({ "http://localhost:8080", "http://localhost:5173" }) List<String> corsAllowedOrigins,
		@DefaultValue List<String> trustedProxies, Map<String, Backend> backends, Map<String, Limit> limits) {

	/**
	 * @param url base URL
	 * @param timeout time limit of one call (also the breaker's time limiter)
	 */
	public record Backend(URI url, @DefaultValue("3s") Duration timeout) {
	}

	/**
	 * A token bucket per client: {@code requestedTokens} per request, refilled at {@code replenishRate} a second, at
	 * most {@code burstCapacity}.
	 */
	public record Limit(int replenishRate, long burstCapacity, @DefaultValue("1") int requestedTokens) {

		/** Seconds until a refused client has enough tokens again. */
		public long retryAfterSeconds() {
			return Math.max(1, (long) Math.ceil((double) this.requestedTokens / this.replenishRate));
		}

	}

	public Backend backend(String name) {
		Backend backend = (this.backends == null) ? null : this.backends.get(name);
		if (backend == null) {
			throw new IllegalStateException("No backend '" + name + "' under accesspath.gateway.backends");
		}
		return backend;
	}

}
