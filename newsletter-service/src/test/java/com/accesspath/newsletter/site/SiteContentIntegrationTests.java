package com.accesspath.newsletter.site;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.newsletter.NewsletterIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls to the other services: the registry's breakers and retries from yml, with metrics
 * and a logged fallback.
 */
class SiteContentIntegrationTests extends NewsletterIntegrationTestSupport {

	@Autowired
	SiteContent content;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	RetryRegistry retries;

	@Autowired
	Fallbacks fallbacks;

	@Autowired
	MeterRegistry meters;

	@Test
	void breakersAndRetriesAreTheRegistrysConfiguredFromYml() {
		for (String service : new String[] { "article-service", "ranking-service" }) {
			CircuitBreakerConfig breaker = this.breakers.circuitBreaker(service).getCircuitBreakerConfig();
			assertThat(breaker.getSlidingWindowSize()).isEqualTo(10);
			assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(4);
			assertThat(breaker.getFailureRateThreshold()).isEqualTo(50);
			assertThat(this.retries.retry(service).getRetryConfig().getMaxAttempts()).isEqualTo(2);
		}
		assertThat(this.content.hot(5)).isNotEmpty();
		assertThat(this.meters.find("resilience4j.circuitbreaker.calls").tag("name", "ranking-service").meters())
			.isNotEmpty();
	}

	@Test
	void aFailingArticleServiceIsRetriedOnceRecordedByTheBreakerAndLoggedAsAFallback() {
		int failedBefore = failedCalls();
		site.articlesFailing.set(true);
		try {
			site.articleQueries.clear();
			assertThat(this.content.newest(3)).isEmpty();
			// Retried once (resilience4j.retry.instances.article-service), recorded as
			// one failed call by the breaker.
			assertThat(site.articleQueries).hasSize(2);
			assertThat(this.fallbacks.isDegraded("article-service")).isTrue();
			assertThat(failedCalls()).isEqualTo(failedBefore + 1);
		}
		finally {
			site.articlesFailing.set(false);
		}
		assertThat(this.content.newest(3)).isNotEmpty();
		assertThat(this.fallbacks.isDegraded("article-service")).isFalse();
	}

	@Test
	void aSlowRankingServiceTimesOutByTheConfiguredReadTimeout() {
		// spring.http.serviceclient.ranking-service.read-timeout is 500ms in these tests.
		site.hotDelayMillis.set(3000);
		try {
			long started = System.nanoTime();
			assertThat(this.content.hot(5)).isEmpty();
			long tookMillis = (System.nanoTime() - started) / 1_000_000;
			// Two attempts of 500 ms and the retry's 100 ms, well before the stub would
			// answer.
			assertThat(tookMillis).isBetween(1000L, 2500L);
			assertThat(this.fallbacks.isDegraded("ranking-service")).isTrue();
		}
		finally {
			site.hotDelayMillis.set(0);
		}
		assertThat(this.content.hot(5)).isNotEmpty();
	}

	private int failedCalls() {
		assertThat(this.meters.find("resilience4j.circuitbreaker.calls")
			.tag("name", "article-service")
			.tag("kind", "failed")
			.meters()).isNotEmpty();
		return this.breakers.circuitBreaker("article-service").getMetrics().getNumberOfFailedCalls();
	}

}
