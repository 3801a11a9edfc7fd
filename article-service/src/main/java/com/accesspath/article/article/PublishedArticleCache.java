package com.accesspath.article.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.accesspath.article.config.ArticleProperties;

/**
 * Published articles by the id or slug they were asked by, already serialised, with their
 * ETag: a hot article is served from memory without touching MongoDB or Jackson. Any
 * write on this replica clears the cache; other replicas catch up within the
 * time-to-live.
 */
@Component
class PublishedArticleCache {

	record CachedArticle(String id, byte[] json, String etag) {
	}

	/**
	 * The most used tags are read from their counts ({@link TagCounts}) at most this
	 * often (and again after every write).
	 */
	static final Duration TAG_COUNTS_TTL = Duration.ofSeconds(10);

	private record Entry<T>(long generation, T value) {
	}

	private final Cache<String, Entry<CachedArticle>> byIdOrSlug;

	private final Cache<String, Entry<List<ArticleResponses.TagCount>>> tagCounts;

	/** Bumped by every write: an entry loaded before a write is never served after it. */
	private final AtomicLong generation = new AtomicLong();

	PublishedArticleCache(ArticleProperties properties) {
		this.byIdOrSlug = Caffeine.newBuilder()
			.maximumSize(properties.cache().maximumSize())
			.expireAfterWrite(properties.cache().timeToLive())
			.build();
		this.tagCounts = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(TAG_COUNTS_TTL).build();
	}

	/**
	 * The cached article, or {@code loader}'s answer (null when there is no such
	 * published article, which is not cached). Concurrent misses for one key load once.
	 */
	CachedArticle get(String idOrSlug, Function<String, CachedArticle> loader) {
		return current(this.byIdOrSlug, idOrSlug, () -> loader.apply(idOrSlug));
	}

	List<ArticleResponses.TagCount> tagCounts(Supplier<List<ArticleResponses.TagCount>> loader) {
		return current(this.tagCounts, "all", loader);
	}

	void clear() {
		this.generation.incrementAndGet();
		this.byIdOrSlug.invalidateAll();
		this.tagCounts.invalidateAll();
	}

	private <T> T current(Cache<String, Entry<T>> cache, String key, Supplier<T> loader) {
		long now = this.generation.get();
		Entry<T> entry = cache.get(key, k -> {
			T value = loader.get();
			return (value == null) ? null : new Entry<>(now, value);
		});
		if (entry != null && entry.generation() != this.generation.get()) {
			// Loaded before the latest write: drop it and load again.
			cache.asMap().remove(key, entry);
			return current(cache, key, loader);
		}
		return (entry == null) ? null : entry.value();
	}

	static CachedArticle of(String id, String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			return new CachedArticle(id, bytes, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
