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

	/** Known articles with when they were fetched: refreshed after the time-to-live, but kept while refreshing fails. */
	private record Known(ArticleMetadata article, java.time.Instant fetchedAt) {
	}

	/** Entries outlive their freshness by this much, so an article-service outage of up to a day costs no views. */
	static final java.time.Duration KEEP_STALE = java.time.Duration.ofHours(24);

	private final Cache<String, Known> known;

	private final java.time.Duration freshFor;

	private final Cache<String, ArticleMetadata> unknown;

	ArticleCatalog(ArticleServiceClient client, CircuitBreaker articleServiceCircuitBreaker, Retry articleServiceRetry,
			RankingProperties properties) {
		this.client = client;
		this.circuitBreaker = articleServiceCircuitBreaker;
		this.retry = articleServiceRetry;
		this.freshFor = properties.catalogTimeToLive();
		this.known = Caffeine.newBuilder()
			.maximumSize(properties.catalogSize())
			.expireAfterWrite(properties.catalogTimeToLive().plus(KEEP_STALE))
			.build();
		this.unknown = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(10)).build();
	}

	/** The article, empty when article-service does not know it; throws when it cannot be asked. */
	public Optional<ArticleMetadata> find(String id) {
		// Every view asks: a fresh entry is answered without the batch machinery.
		Known cached = this.known.getIfPresent(id);
		if (cached != null && isFresh(cached, java.time.Instant.now())) {
			return Optional.of(cached.article());
		}
		return Optional.ofNullable(findAll(List.of(id)).get(id));
	}

	/** Known articles among {@code ids}; those article-service does not know are left out. */
	public Map<String, ArticleMetadata> findAll(Collection<String> ids) {
		java.time.Instant now = java.time.Instant.now();
		Map<String, ArticleMetadata> found = new LinkedHashMap<>();
		Map<String, ArticleMetadata> stale = new LinkedHashMap<>();
		List<String> toLoad = new ArrayList<>();
		for (String id : ids) {
			Known cached = this.known.getIfPresent(id);
			if (cached != null && isFresh(cached, now)) {
				found.put(id, cached.article());
			}
			else if (cached != null) {
				stale.put(id, cached.article());
				toLoad.add(id);
			}
			else if (this.unknown.getIfPresent(id) == null) {
				toLoad.add(id);
			}
		}
		for (int start = 0; start < toLoad.size(); start += BATCH) {
			List<String> batch = toLoad.subList(start, Math.min(toLoad.size(), start + BATCH));
			List<ArticleMetadata> loaded;
			try {
				loaded = call(() -> this.client.byIds(String.join(",", batch)).items());
			}
			catch (ArticleServiceUnavailableException ex) {
				// Keep serving what we knew; only ids never seen are a 503.
				if (batch.stream().anyMatch(id -> !stale.containsKey(id))) {
					throw ex;
				}
				batch.forEach(id -> found.put(id, stale.get(id)));
				continue;
			}
			loaded.forEach(article -> {
				this.known.put(article.id(), new Known(article, now));
				found.put(article.id(), article);
			});
			batch.stream().filter(id -> !found.containsKey(id)).forEach(id -> {
				// Unknown now (never published, or archived since): forget it.
				this.known.invalidate(id);
				this.unknown.put(id, UNKNOWN);
			});
		}
		return found;
	}

	private boolean isFresh(Known cached, java.time.Instant now) {
		return cached.fetchedAt().plus(this.freshFor).isAfter(now);
	}

	/** Forgets every article (tests, so one test's metadata for an id does not leak into the next). */
	public void forget() {
		this.known.invalidateAll();
		this.unknown.invalidateAll();
	}

	/** Only what is cached (fresh or not), without calling article-service: for degraded reads. */
	public Map<String, ArticleMetadata> cached(Collection<String> ids) {
		Map<String, ArticleMetadata> cached = new LinkedHashMap<>();
		this.known.getAllPresent(ids).forEach((id, entry) -> cached.put(id, entry.article()));
		return cached;
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
