package com.accesspath.ranking.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.accesspath.ranking.config.RankingProperties;

/**
 * A bounded local cache of known articles' metadata, filled through article-service's
 * batch lookup ({@link ArticleServiceCalls}: circuit breaker and retry). When
 * article-service is down, cached articles still work, even past their freshness;
 * uncached ids are "unavailable" (503), never guessed.
 */
@Component
public class ArticleCatalog {

	/** article-service's batch lookup takes at most this many ids (API.md). */
	static final int BATCH = 100;

	/**
	 * Entries outlive their freshness by this much, so an article-service outage of up to
	 * a day costs no views.
	 */
	static final Duration KEEP_STALE = Duration.ofHours(24);

	/**
	 * Ids article-service said it does not know are remembered this long, so a bad id
	 * does not hammer it.
	 */
	static final Duration REMEMBER_UNKNOWN = Duration.ofSeconds(10);

	/**
	 * Known articles with when they were fetched: refreshed after the time-to-live, but
	 * kept while refreshing fails.
	 */
	private record Known(ArticleMetadata article, Instant fetchedAt) {
	}

	private final ArticleServiceClient client;

	private final ArticleServiceCalls calls;

	private final Clock clock;

	private final Duration freshFor;

	private final Cache<String, Known> known;

	private final Cache<String, Boolean> unknown;

	ArticleCatalog(ArticleServiceClient client, ArticleServiceCalls calls, RankingProperties properties, Clock clock) {
		this.client = client;
		this.calls = calls;
		this.clock = clock;
		this.freshFor = properties.catalogTimeToLive();
		this.known = Caffeine.newBuilder()
			.maximumSize(properties.catalogSize())
			.expireAfterWrite(properties.catalogTimeToLive().plus(KEEP_STALE))
			.build();
		this.unknown = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REMEMBER_UNKNOWN).build();
	}

	/**
	 * The article, empty when article-service does not know it; throws when it cannot be
	 * asked.
	 */
	public Optional<ArticleMetadata> find(String id) {
		// Every view asks: a fresh entry is answered without the batch machinery.
		Known cached = this.known.getIfPresent(id);
		if (cached != null && isFresh(cached, this.clock.instant())) {
			return Optional.of(cached.article());
		}
		return Optional.ofNullable(findAll(List.of(id)).get(id));
	}

	/**
	 * Known articles among {@code ids}; those article-service does not know are left out.
	 * Throws {@link ArticleServiceUnavailableException} when article-service cannot be
	 * asked about an id never seen.
	 */
	public Map<String, ArticleMetadata> findAll(Collection<String> ids) {
		Instant now = this.clock.instant();
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
				loaded = this.calls.call(() -> this.client.byIds(String.join(",", batch)).items());
			}
			catch (ArticleServiceUnavailableException ex) {
				// Keep serving what we knew; only ids never seen are a 503.
				if (batch.stream().anyMatch(id -> !stale.containsKey(id))) {
					this.calls.degraded("articles not in the local catalog are refused (503)", ex);
					throw ex;
				}
				this.calls.degraded("article metadata from the local catalog, possibly outdated", ex);
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
				this.unknown.put(id, Boolean.TRUE);
			});
		}
		return found;
	}

	/**
	 * Like {@link #findAll}, but while article-service cannot be asked, only what is
	 * cached (fresh or not): for lists, which rather leave an article out than fail.
	 */
	public Map<String, ArticleMetadata> findAllOrCached(Collection<String> ids) {
		try {
			return findAll(ids);
		}
		catch (ArticleServiceUnavailableException ex) {
			this.calls.degraded("hot lists leave out articles not in the local catalog", ex);
			Map<String, ArticleMetadata> cached = new LinkedHashMap<>();
			this.known.getAllPresent(ids).forEach((id, entry) -> cached.put(id, entry.article()));
			return cached;
		}
	}

	/**
	 * Forgets every article (tests, so one test's metadata for an id does not leak into
	 * the next).
	 */
	public void forget() {
		this.known.invalidateAll();
		this.unknown.invalidateAll();
	}

	private boolean isFresh(Known cached, Instant now) {
		return cached.fetchedAt().plus(this.freshFor).isAfter(now);
	}

}
