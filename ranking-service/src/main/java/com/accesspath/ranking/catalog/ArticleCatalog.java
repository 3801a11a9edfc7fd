package com.accesspath.ranking.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

import org.springframework.stereotype.Component;

import com.accesspath.ranking.config.RankingProperties;

/**
 * A bounded local cache of known articles' metadata, filled through article-service's batch lookup behind a
 * circuit breaker and retry. When article-service is down, cached articles still work; uncached ids are
 * "unavailable" (503), never guessed.
 */
@Component
public class ArticleCatalog {

	/** Ids article-service said it does not know are remembered briefly, so a bad id does not hammer it. */
	private static final ArticleMetadata UNKNOWN = new ArticleMetadata(null, null, null, null, null, null, null);

	static final int BATCH = 100;

	private final ArticleServiceClient client;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Cache<String, ArticleMetadata> known;

	private final Cache<String, ArticleMetadata> unknown;

	ArticleCatalog(ArticleServiceClient client, CircuitBreaker articleServiceCircuitBreaker, Retry articleServiceRetry,
			RankingProperties properties) {
		this.client = client;
		this.circuitBreaker = articleServiceCircuitBreaker;
		this.retry = articleServiceRetry;
		this.known = Caffeine.newBuilder()
			.maximumSize(properties.catalogSize())
			.expireAfterWrite(properties.catalogTimeToLive())
			.build();
		this.unknown = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(10)).build();
	}

	/** The article, empty when article-service does not know it; throws when it cannot be asked. */
	public Optional<ArticleMetadata> find(String id) {
		ArticleMetadata cached = this.known.getIfPresent(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		if (this.unknown.getIfPresent(id) != null) {
			return Optional.empty();
		}
		return Optional.ofNullable(findAll(List.of(id)).get(id));
	}

	/** Known articles among {@code ids}; those article-service does not know are left out. */
	public Map<String, ArticleMetadata> findAll(Collection<String> ids) {
		Map<String, ArticleMetadata> found = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (String id : ids) {
			ArticleMetadata cached = this.known.getIfPresent(id);
			if (cached != null) {
				found.put(id, cached);
			}
			else if (this.unknown.getIfPresent(id) == null) {
				missing.add(id);
			}
		}
		for (int start = 0; start < missing.size(); start += BATCH) {
			List<String> batch = missing.subList(start, Math.min(missing.size(), start + BATCH));
			List<ArticleMetadata> loaded = call(() -> this.client.byIds(String.join(",", batch)).items());
			loaded.forEach(article -> {
				this.known.put(article.id(), article);
				found.put(article.id(), article);
			});
			batch.stream().filter(id -> !found.containsKey(id)).forEach(id -> this.unknown.put(id, UNKNOWN));
		}
		return found;
	}

	/** Only what is cached, without calling article-service: for degraded reads. */
	public Map<String, ArticleMetadata> cached(Collection<String> ids) {
		return this.known.getAllPresent(ids);
	}

	private <T> T call(Supplier<T> supplier) {
		try {
			return CircuitBreaker.decorateSupplier(this.circuitBreaker, Retry.decorateSupplier(this.retry, supplier)).get();
		}
		catch (RuntimeException ex) {
			throw new ArticleServiceUnavailableException(ex);
		}
	}

}
