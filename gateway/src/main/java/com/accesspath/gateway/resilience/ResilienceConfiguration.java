package com.accesspath.gateway.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.accesspath.gateway.config.GatewayProperties;

/**
 * One circuit breaker per backend, named after it, shared by its route and the client pages: a call longer than the
 * backend's time limit fails, half of the last 50 calls (at least 10) failing opens the breaker, and an open breaker
 * answers at once (503 from {@link FallbackController}) for five seconds before letting a few calls try again.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	static final Duration OPEN_FOR = Duration.ofSeconds(5);

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> backendCircuitBreakers(GatewayProperties properties) {
		return factory -> {
			factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
				.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeoutOf(properties, id)).build())
				.circuitBreakerConfig(CircuitBreakerConfig.custom()
					// A window wide enough that a burst of client cancellations (a load test ending, a page
					// closed) cannot open the breaker; timeouts and errors of a sick backend still do.
					.slidingWindowSize(50)
					.minimumNumberOfCalls(10)
					.failureRateThreshold(50)
					.waitDurationInOpenState(OPEN_FOR)
					.permittedNumberOfCallsInHalfOpenState(2)
					.build())
				.build());
		};
	}

	private static Duration timeoutOf(GatewayProperties properties, String id) {
		return (properties.backends() != null && properties.backends().containsKey(id)) ? properties.backends().get(id).timeout()
				: Duration.ofSeconds(3);
	}

}
