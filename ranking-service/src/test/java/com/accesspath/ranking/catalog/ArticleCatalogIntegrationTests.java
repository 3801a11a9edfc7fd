package com.accesspath.ranking.catalog;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.Metrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import com.accesspath.ranking.RankingIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The article catalog and the calls to article-service behind it, configured in
 * application.yml.
 */
class ArticleCatalogIntegrationTests extends RankingIntegrationTestSupport {

	@Autowired
	RetryRegistry retries;

	@Nested
	class ArticleServiceDown {

		@Test
		void articleServiceDownCachedArticlesStillCountUncachedGet503() throws Exception {
			articleService.add("cached", "tech");
			articleService.add("uncached", "tech");
			view("cached", "v1").andExpect(status().isAccepted());
			articleService.setFailing(true);
			view("cached", "v2").andExpect(status().isAccepted()).andExpect(jsonPath("$.views").value(2));
			view("uncached", "v1").andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			assertThat(redis.keys("rk:{rk}:seen:uncached*")).isEmpty();
			// Past the catalog's freshness, a known article keeps counting while
			// article-service stays down.
			await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
			view("cached", "v3").andExpect(status().isAccepted()).andExpect(jsonPath("$.views").value(3));
		}

		@Test
		void aSlowArticleServiceTimesOutAfterTheConfiguredReadTimeoutOncePerAttempt() throws Exception {
			articleService.add("slow", "tech");
			articleService.slow("slow", Duration.ofSeconds(3));
			int callsBefore = articleService.calls();
			long started = System.nanoTime();
			view("slow", "v1").andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			// Two attempts of 500 ms (read-timeout in application.yml) and 50 ms between
			// them, far from the stub's 3 s.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1000),
					Duration.ofMillis(2500));
			assertThat(articleService.calls() - callsBefore).isEqualTo(2);
		}

	}

	@Nested
	class Configuration {

		@Test
		void theBreakerAndTheRetryAreApplicationYmls() {
			CircuitBreakerConfig breaker = circuitBreakers.circuitBreaker("article-service").getCircuitBreakerConfig();
			assertThat(breaker.getSlidingWindowSize()).isEqualTo(20);
			assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(5);
			assertThat(breaker.getFailureRateThreshold()).isEqualTo(50);
			assertThat(breaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000);
			assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
			RetryConfig retry = retries.retry("article-service").getRetryConfig();
			assertThat(retry.getMaxAttempts()).isEqualTo(2);
			assertThat(retry.getIntervalBiFunction().apply(1, null)).isEqualTo(50);
			assertThat(retry.getIntervalBiFunction().apply(2, null)).isEqualTo(100);
		}

		@Test
		void aFailedLookupIsOneCallOfTheBreakerWhateverItsAttempts() throws Exception {
			articleService.add("a1", "tech");
			articleService.setFailing(true);
			Metrics metrics = circuitBreakers.circuitBreaker("article-service").getMetrics();
			int callsBefore = articleService.calls();
			int failedBefore = metrics.getNumberOfFailedCalls();
			int bufferedBefore = metrics.getNumberOfBufferedCalls();
			view("a1", "v1").andExpect(status().isServiceUnavailable());
			assertThat(articleService.calls() - callsBefore).as("attempts").isEqualTo(2);
			assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(failedBefore + 1);
			assertThat(metrics.getNumberOfBufferedCalls()).isEqualTo(bufferedBefore + 1);
		}

		@Test
		void theBreakerAndTheRetryHaveMetrics() {
			assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "article-service").gauges())
				.isNotEmpty();
			assertThat(meters.find("resilience4j.retry.calls").tag("name", "article-service").meters()).isNotEmpty();
		}

	}

}
