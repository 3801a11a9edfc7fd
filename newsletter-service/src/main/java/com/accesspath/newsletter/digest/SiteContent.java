package com.accesspath.newsletter.digest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import com.accesspath.newsletter.config.NewsletterProperties;

/**
 * What digests and WeChat replies show, read from article-service and ranking-service: every call has a time limit,
 * one retry with backoff (they are idempotent GETs) and a circuit breaker per service. Fallback: an empty list, so a
 * digest goes out with what could be read.
 */
@Component
public class SiteContent {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Article(String id, String slug, String title, String summary) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ArticlePage(List<Article> items) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record HotItem(int rank, Article article, long views) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record HotList(List<HotItem> items) {
	}

	interface ArticleService {

		@GetExchange("/api/articles")
		ArticlePage list(@RequestParam(name = "category", required = false) String category,
				@RequestParam(name = "tag", required = false) String tag, @RequestParam("limit") int limit);

	}

	interface RankingService {

		@GetExchange("/api/rankings/hot")
		HotList hot(@RequestParam("window") String window, @RequestParam("limit") int limit);

	}

	private final ArticleService articles;

	private final RankingService ranking;

	private final CircuitBreaker articleBreaker = breaker("article-service");

	private final CircuitBreaker rankingBreaker = breaker("ranking-service");

	private final Retry retry = Retry.of("site-content", RetryConfig.custom()
		.maxAttempts(2)
		.intervalFunction(io.github.resilience4j.core.IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2))
		.build());

	SiteContent(RestClient.Builder builder, NewsletterProperties properties) {
		this.articles = client(builder, properties.articleServiceUrl().toString(), properties.backendTimeout(), ArticleService.class);
		this.ranking = client(builder, properties.rankingServiceUrl().toString(), properties.backendTimeout(), RankingService.class);
	}

	/** Newest published articles of a category key, or of a tag when the topic is not a category. */
	public List<Article> newest(String topic, boolean isCategory, int limit) {
		return call(this.articleBreaker, () -> this.articles.list(isCategory ? topic : null, isCategory ? null : topic, limit).items());
	}

	public List<Article> newest(int limit) {
		return call(this.articleBreaker, () -> this.articles.list(null, null, limit).items());
	}

	public List<HotItem> hot(int limit) {
		return call(this.rankingBreaker, () -> this.ranking.hot("24h", limit).items());
	}

	private <T> List<T> call(CircuitBreaker breaker, Supplier<List<T>> supplier) {
		try {
			List<T> result = CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(this.retry, supplier)).get();
			return (result == null) ? List.of() : result;
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private static CircuitBreaker breaker(String name) {
		return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
			.slidingWindowSize(10)
			.minimumNumberOfCalls(4)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.build());
	}

	private static <T> T client(RestClient.Builder builder, String baseUrl, Duration timeout, Class<T> type) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build());
		requestFactory.setReadTimeout(timeout);
		RestClient restClient = builder.clone().baseUrl(baseUrl).requestFactory(requestFactory).build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build().createClient(type);
	}

}
