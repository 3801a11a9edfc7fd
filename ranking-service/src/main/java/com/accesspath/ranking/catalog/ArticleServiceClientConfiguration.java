package com.accesspath.ranking.catalog;

import java.net.http.HttpClient;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import com.accesspath.ranking.config.RankingProperties;

/**
 * The HTTP client for article-service: timeouts always set, one retry with backoff (the lookup is an idempotent GET),
 * and a circuit breaker that fails fast while article-service is down. Fallback: cached metadata, even if old.
 */
@Configuration(proxyBeanMethods = false)
class ArticleServiceClientConfiguration {

	@Bean
	ArticleServiceClient articleServiceClient(RestClient.Builder builder, RankingProperties properties) {
		HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.articleServiceTimeout());
		RestClient restClient = builder.baseUrl(properties.articleServiceUrl().toString()).requestFactory(requestFactory).build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(ArticleServiceClient.class);
	}

	@Bean
	CircuitBreaker articleServiceCircuitBreaker(MeterRegistry meterRegistry) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(5))
			.permittedNumberOfCallsInHalfOpenState(2)
			.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
		return registry.circuitBreaker("article-service");
	}

	@Bean
	Retry articleServiceRetry() {
		return Retry.of("article-service", RetryConfig.custom()
			// Two attempts within the 500 ms read timeout each: a caller gets its answer (or 503) in about a second.
			.maxAttempts(2)
			.intervalFunction(io.github.resilience4j.core.IntervalFunction.ofExponentialBackoff(Duration.ofMillis(50), 2))
			.build());
	}

}
