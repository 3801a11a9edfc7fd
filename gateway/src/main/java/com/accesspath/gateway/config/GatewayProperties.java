package com.accesspath.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param corsAllowedOrigins web origins allowed to call the API from a browser
 * @param trustedProxies addresses and CIDR ranges of the proxies (load balancers,
 * ingress) whose forwarding headers are believed; nobody's by default
 * @param forwardedHeader the header those proxies write: {@code X-Forwarded-For} or
 * {@code Forwarded}; the other one is never believed
 * @param backends the services, by name: where they are and how long a call may take
 * @param limits rate limits by name (used by the {@code ClientRateLimit} route filter)
 * @param retry how many of a route's GETs may be retried after a failed connection
 * @param direct the anonymous calls that skip the route machinery
 * ({@code directproxy.DirectProxy})
 * @param maxRequestHeaders header lines a request may have (431 above)
 */
@ConfigurationProperties("accesspath.gateway")
@Validated
public record GatewayProperties(@DefaultValue( {
		"http://localhost:8080", "http://localhost:5173" }) List<String> corsAllowedOrigins,
		@DefaultValue List<String> trustedProxies, @DefaultValue("X-Forwarded-For") String forwardedHeader,
		Map<String, Backend> backends, Map<String, Limit> limits, @DefaultValue @Valid RetryBudgetSettings retry,
		@DefaultValue @Valid Direct direct, @DefaultValue("64") @Positive int maxRequestHeaders){

	/**
	 * @param url base URL
	 * @param timeout time limit of one call (also the breaker's time limiter)
	 */
	public record Backend(URI url, @DefaultValue("3s") Duration timeout) {
	}

	/**
	 * A token bucket per client: {@code requestedTokens} per request, refilled at
	 * {@code replenishRate} a second, at most {@code burstCapacity}.
	 */
	public record Limit(int replenishRate, long burstCapacity, @DefaultValue("1") int requestedTokens) {

		/** Seconds until a refused client has enough tokens again. */
		public long retryAfterSeconds() {
			return Math.max(1, (long) Math.ceil((double) this.requestedTokens / this.replenishRate));
		}

	}

	/**
	 * @param ratio retries per request a route may spend over time (0.1: one retry per
	 * ten requests)
	 * @param reserve retries a route may spend at once before the ratio applies
	 */
	public record RetryBudgetSettings(@DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double ratio,
			@DefaultValue("10") @PositiveOrZero int reserve) {
	}

	/**
	 * @param reads service name → path patterns of public reads answered through the
	 * direct proxy
	 * @param writes anonymous POSTs answered through it, each with its rate limit
	 */
	public record Direct(@DefaultValue Map<String, List<String>> reads, @DefaultValue List<@Valid DirectWrite> writes) {
	}

	/**
	 * @param path the path pattern
	 * @param service the backend that owns it
	 * @param limit the rate limit it counts against (a name under
	 * {@code accesspath.gateway.limits})
	 */
	public record DirectWrite(@NotBlank String path, @NotBlank String service, @NotBlank String limit) {
	}

	public Backend backend(String name) {
		Backend backend = (this.backends == null) ? null : this.backends.get(name);
		if (backend == null) {
			throw new IllegalStateException("No backend '" + name + "' under accesspath.gateway.backends");
		}
		return backend;
	}

}
