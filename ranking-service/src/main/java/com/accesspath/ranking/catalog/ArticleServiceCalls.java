package com.accesspath.ranking.catalog;

import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;

/**
 * Every call to article-service goes through here: the {@code article-service} retry (its
 * calls are idempotent GETs) inside the {@code article-service} circuit breaker, both
 * from the registries configured in application.yml. A failed call is an
 * {@link ArticleServiceUnavailableException}; the caller chooses the fallback and reports
 * it with {@link #degraded}, so each outage is logged once with what it costs.
 */
@Component
class ArticleServiceCalls {

	/** The callee: the HTTP service group, the breaker and the retry are all named so. */
	static final String SERVICE = "article-service";

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Fallbacks fallbacks;

	ArticleServiceCalls(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, Fallbacks fallbacks) {
		this.circuitBreaker = circuitBreakers.circuitBreaker(SERVICE);
		this.retry = retries.retry(SERVICE);
		this.fallbacks = fallbacks;
	}

	/**
	 * Calls article-service; throws {@link ArticleServiceUnavailableException} when it
	 * cannot answer.
	 */
	<T> T call(Supplier<T> call) {
		T result;
		try {
			result = CircuitBreaker.decorateSupplier(this.circuitBreaker, Retry.decorateSupplier(this.retry, call))
				.get();
		}
		catch (RuntimeException ex) {
			throw new ArticleServiceUnavailableException(ex);
		}
		this.fallbacks.recovered(SERVICE);
		return result;
	}

	/**
	 * Reports that a failed call was answered by {@code degradesTo} instead (logged once
	 * per outage).
	 */
	void degraded(String degradesTo, Throwable cause) {
		this.fallbacks.degraded(SERVICE, degradesTo, cause);
	}

}
