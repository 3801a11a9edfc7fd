package com.accesspath.article.site;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.accesspath.article.config.ArticleProperties;

/**
 * The settings and the pages as readers get them, already serialised, with their ETag: a
 * public read touches neither MongoDB nor Jackson. Absent pages are remembered too (a
 * crawler asking for made-up slugs costs one lookup each per time-to-live). Any write on
 * this replica clears the cache; other replicas catch up within the time-to-live
 * ({@code accesspath.article.cache.time-to-live}, like articles).
 */
@Component
class SiteCache {

	/** A serialised answer; {@code json} null: there is nothing under this key. */
	record CachedJson(byte[] json, String etag) {

		static final CachedJson ABSENT = new CachedJson(null, null);

		boolean present() {
			return this.json != null;
		}

	}

	private record Entry(long generation, CachedJson value) {
	}

	private static final String SETTINGS_KEY = "\u0000settings";

	private final Cache<String, Entry> entries;

	/** Bumped by every write: an entry loaded before a write is never served after it. */
	private final AtomicLong generation = new AtomicLong();

	SiteCache(ArticleProperties properties) {
		this.entries = Caffeine.newBuilder()
			.maximumSize(properties.cache().maximumSize())
			.expireAfterWrite(properties.cache().timeToLive())
			.build();
	}

	Optional<CachedJson> settings(Supplier<CachedJson> loader) {
		return present(current(SETTINGS_KEY, loader));
	}

	Optional<CachedJson> page(String slug, Supplier<CachedJson> loader) {
		return present(current(slug, loader));
	}

	void clear() {
		this.generation.incrementAndGet();
		this.entries.invalidateAll();
	}

	private static Optional<CachedJson> present(CachedJson value) {
		return value.present() ? Optional.of(value) : Optional.empty();
	}

	private CachedJson current(String key, Supplier<CachedJson> loader) {
		long now = this.generation.get();
		Entry entry = this.entries.get(key, k -> new Entry(now, loader.get()));
		if (entry.generation() != this.generation.get()) {
			// Loaded before the latest write: drop it and load again.
			this.entries.asMap().remove(key, entry);
			return current(key, loader);
		}
		return entry.value();
	}

}
