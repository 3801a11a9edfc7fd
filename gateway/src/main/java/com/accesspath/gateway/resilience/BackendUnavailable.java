package com.accesspath.gateway.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.stereotype.Component;

/**
 * What a client is told when a backend's breaker refused a call or the call failed: the
 * same words and the same {@code Retry-After} from the routes' fallback and the direct
 * proxy. The wait is the breakers' time in the open state
 * ({@code resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state}), so a
 * client that waits that long finds the breaker trying again.
 */
@Component
public class BackendUnavailable {

	private final String retryAfterSeconds;

	BackendUnavailable(CircuitBreakerRegistry breakers) {
		long openMillis = breakers.getDefaultConfig().getWaitIntervalFunctionInOpenState().apply(1);
		this.retryAfterSeconds = Long.toString(Math.max(1, Duration.ofMillis(openMillis).toSeconds()));
	}

	public String retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	public String detail(String service) {
		return service + " is unavailable or too slow right now; try again in " + this.retryAfterSeconds + " s.";
	}

}
