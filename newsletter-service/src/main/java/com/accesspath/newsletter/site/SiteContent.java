package com.accesspath.newsletter.site;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;

/**
 * What digests and WeChat replies show, read from article-service and ranking-service.
 * Every call goes through the registry's retry (they are idempotent GETs) inside the
 * registry's circuit breaker of that service, both configured in yml; a failed call falls
 * back to less content (said in the log by {@link Fallbacks}), so a digest goes out with
 * what could be read.
 */
@Component
public class SiteContent {

	static final String ARTICLE_SERVICE = "article-service";

	static final String RANKING_SERVICE = "ranking-service";

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Article(String id, String slug, String title, String summary) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record HotItem(int rank, Article article, long views) {
	}

	private final ArticleServiceClient articles;

	private final RankingServiceClient ranking;

	private final Fallbacks fallbacks;

	private final CircuitBreaker articleBreaker;

	private final Retry articleRetry;

	private final CircuitBreaker rankingBreaker;

	private final Retry rankingRetry;

	SiteContent(ArticleServiceClient articles, RankingServiceClient ranking, CircuitBreakerRegistry breakers,
			RetryRegistry retries, Fallbacks fallbacks) {
		this.articles = articles;
		this.ranking = ranking;
		this.fallbacks = fallbacks;
		this.articleBreaker = breakers.circuitBreaker(ARTICLE_SERVICE);
		this.articleRetry = retries.retry(ARTICLE_SERVICE);
		this.rankingBreaker = breakers.circuitBreaker(RANKING_SERVICE);
		this.rankingRetry = retries.retry(RANKING_SERVICE);
	}

	/** Newest published articles of a category key (a group matches its leaves). */
	public List<Article> newestInCategory(String category, int limit) {
		return listOrEmpty(fromArticleService(() -> this.articles.list(category, null, limit),
				"digest without the articles of a chosen category"));
	}

	/** Newest published articles with a tag. */
	public List<Article> newestWithTag(String tag, int limit) {
		return listOrEmpty(fromArticleService(() -> this.articles.list(null, tag, limit),
				"digest without the articles of a chosen tag"));
	}

	/** Newest published articles of any kind. */
	public List<Article> newest(int limit) {
		return listOrEmpty(
				fromArticleService(() -> this.articles.list(null, null, limit), "digest without new articles"));
	}

	/** Today's most read articles. */
	public List<HotItem> hot(int limit) {
		RankingServiceClient.HotList hot = call(RANKING_SERVICE, this.rankingBreaker, this.rankingRetry,
				() -> this.ranking.hot("24h", limit), "digest and WeChat replies without the hot list");
		return (hot == null || hot.items() == null) ? List.of() : hot.items();
	}

	/** The taxonomy tree, or empty when article-service does not answer. */
	Optional<List<Category>> categories() {
		return Optional.ofNullable(call(ARTICLE_SERVICE, this.articleBreaker, this.articleRetry,
				this.articles::categories, "topics split and checked by the last known taxonomy"));
	}

	private ArticleServiceClient.ArticlePage fromArticleService(Supplier<ArticleServiceClient.ArticlePage> call,
			String degradesTo) {
		return call(ARTICLE_SERVICE, this.articleBreaker, this.articleRetry, call, degradesTo);
	}

	private static List<Article> listOrEmpty(ArticleServiceClient.ArticlePage page) {
		return (page == null || page.items() == null) ? List.of() : page.items();
	}

	/** The answer, or null after the fallback was logged. */
	private <T> T call(String service, CircuitBreaker breaker, Retry retry, Supplier<T> call, String degradesTo) {
		try {
			T result = CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, call)).get();
			this.fallbacks.recovered(service);
			return result;
		}
		catch (RuntimeException ex) {
			this.fallbacks.degraded(service, degradesTo, ex);
			return null;
		}
	}

}
