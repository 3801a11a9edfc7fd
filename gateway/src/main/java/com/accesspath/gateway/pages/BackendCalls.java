package com.accesspath.gateway.pages;

import java.time.Duration;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.gateway.config.GatewayProperties;
import com.accesspath.gateway.web.RequestIdWebFilter;

/**
 * GET calls from the client pages to the services: each with the backend's time limit and
 * through the same circuit breaker as the backend's route, carrying the request id (trace
 * context is added by the instrumented WebClient).
 */
@Component
class BackendCalls {

	private final WebClient webClient;

	private final GatewayProperties properties;

	private final ReactiveCircuitBreakerFactory<?, ?> circuitBreakers;

	private final Fallbacks fallbacks;

	BackendCalls(WebClient.Builder webClient, GatewayProperties properties,
			ReactiveCircuitBreakerFactory<?, ?> circuitBreakers, Fallbacks fallbacks) {
		this.webClient = webClient.build();
		this.properties = properties;
		this.circuitBreakers = circuitBreakers;
		this.fallbacks = fallbacks;
	}

	/**
	 * The JSON answer ({@code requestId} null for calls of the gateway's own); a 404 from
	 * the backend becomes a 404 error, anything else failing a 503 error.
	 */
	Mono<JsonNode> get(String backend, String requestId, String path, Object... uriVariables) {
		GatewayProperties.Backend target = this.properties.backend(backend);
		Duration timeout = target.timeout();
		Mono<JsonNode> call = this.webClient.get().uri(target.url() + path, uriVariables).headers(headers -> {
			if (requestId != null) {
				headers.set(RequestIdWebFilter.HEADER, requestId);
			}
		}).retrieve().bodyToMono(JsonNode.class).timeout(timeout);
		return this.circuitBreakers.create(backend)
			.run(call, error -> Mono.error(translate(error)))
			.doOnNext(answer -> this.fallbacks.recovered(backend));
	}

	private static Throwable translate(Throwable error) {
		if (error instanceof WebClientResponseException.NotFound) {
			return new ResponseStatusException(HttpStatus.NOT_FOUND, "No published article with that id or slug.");
		}
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "A backend service is unavailable.", error);
	}

}
