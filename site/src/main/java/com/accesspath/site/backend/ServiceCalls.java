package com.accesspath.site.backend;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

import com.accesspath.boot.resilience.Fallbacks;

/**
 * Every call to another service goes through here: reads with the service's retry (they
 * are idempotent GETs) inside its circuit breaker, both from the registries configured in
 * application.yml; form posts ({@link #submit}) inside the breaker only, never retried. A
 * 404 ({@link NotFoundException}) and a 400 ({@link BadRequestException}) are answers;
 * any other failure is a {@link BackendUnavailableException}, for which the caller
 * chooses a fallback and reports it with {@link #degraded}, so each outage is logged once
 * with what it costs.
 */
@Component
public class ServiceCalls {

	private final Map<Backend, CircuitBreaker> circuitBreakers = new EnumMap<>(Backend.class);

	private final Map<Backend, Retry> retries = new EnumMap<>(Backend.class);

	private final Fallbacks fallbacks;

	private final AtomicLong degradations = new AtomicLong();

	public ServiceCalls(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, Fallbacks fallbacks) {
		for (Backend backend : Backend.values()) {
			this.circuitBreakers.put(backend, circuitBreakers.circuitBreaker(backend.serviceName()));
			this.retries.put(backend, retries.retry(backend.serviceName()));
		}
		this.fallbacks = fallbacks;
	}

	/**
	 * Calls {@code backend}; throws {@link NotFoundException} when it answers 404 and
	 * {@link BackendUnavailableException} when it cannot answer.
	 */
	public <T> T call(Backend backend, Supplier<T> call) {
		T result;
		try {
			result = CircuitBreaker
				.decorateSupplier(this.circuitBreakers.get(backend),
						Retry.decorateSupplier(this.retries.get(backend), call))
				.get();
		}
		catch (HttpClientErrorException.NotFound ex) {
			this.fallbacks.recovered(backend.serviceName());
			throw new NotFoundException(ex);
		}
		catch (HttpClientErrorException.BadRequest ex) {
			// The reader's parameters (a cursor, a q) were refused: their mistake, not an
			// outage.
			this.fallbacks.recovered(backend.serviceName());
			throw new BadRequestException(ex);
		}
		catch (RuntimeException ex) {
			throw new BackendUnavailableException(backend, ex);
		}
		this.fallbacks.recovered(backend.serviceName());
		return result;
	}

	/**
	 * Posts what a reader submitted to {@code backend}, once (a write is never retried):
	 * throws {@link FormRejectedException} when the service refuses it (a 4xx, with its
	 * answer) and {@link BackendUnavailableException} when it cannot answer.
	 */
	public <T> T submit(Backend backend, Supplier<T> call) {
		T result;
		try {
			result = CircuitBreaker.decorateSupplier(this.circuitBreakers.get(backend), call).get();
		}
		catch (HttpClientErrorException ex) {
			this.fallbacks.recovered(backend.serviceName());
			throw new FormRejectedException(ex.getStatusCode().value(), ex.getResponseBodyAsString(), ex);
		}
		catch (RuntimeException ex) {
			throw new BackendUnavailableException(backend, ex);
		}
		this.fallbacks.recovered(backend.serviceName());
		return result;
	}

	/**
	 * Reports that a failed call was answered by {@code degradesTo} instead (logged once
	 * per outage).
	 */
	public void degraded(Backend backend, String degradesTo, Throwable cause) {
		this.degradations.incrementAndGet();
		this.fallbacks.degraded(backend.serviceName(), degradesTo, cause);
	}

	/**
	 * How many answers were degraded since the start: a page rendered while this moved
	 * may lack a part, and is not kept.
	 */
	public long degradations() {
		return this.degradations.get();
	}

}
