package com.accesspath.article.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.accesspath.article.config.ArticleProperties;

/**
 * Published articles by id and by slug, already serialised, with their ETag: a hot article is served from memory
 * without touching MongoDB or Jackson. Any write on this replica clears the cache; other replicas catch up within
 * the time-to-live.
 */
@Component
class PublishedArticleCache {

	record CachedArticle(String id, byte[] json, String etag) {
	}

	private final Cache<String, CachedArticle> byIdOrSlug;

	PublishedArticleCache(ArticleProperties properties) {
		this.byIdOrSlug = Caffeine.newBuilder()
			.maximumSize(properties.cache().maximumSize())
			.expireAfterWrite(properties.cache().timeToLive())
			.build();
	}

	/** The cached article, or {@code loader}'s answer cached under its id and slug; null (not cached) when absent. */
	CachedArticle get(String idOrSlug, Function<String, CachedArticle> loader) {
		CachedArticle cached = this.byIdOrSlug.getIfPresent(idOrSlug);
		if (cached == null) {
			cached = loader.apply(idOrSlug);
			if (cached != null) {
				this.byIdOrSlug.put(idOrSlug, cached);
			}
		}
		return cached;
	}

	void clear() {
		this.byIdOrSlug.invalidateAll();
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
