package com.accesspath.gateway.edgecache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.Eviction;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * The edge cache's memory: Caffeine, bounded by the bytes it holds (bodies, headers, keys), each entry dropped when
 * even a failing service no longer justifies it ({@link CachedResponse#errorUntil()}); and the fetches in flight, one
 * per key, that other requests for the same key wait for instead of asking the service themselves.
 * <p>
 * A generation counter makes invalidation safe against fetches that started before it: their answers, which may
 * predate the write that invalidated the cache, are passed to their waiters but not stored.
 */
@Component
public final class EdgeCache {

	/** Bytes counted per entry beyond its body and key: headers, the record, Caffeine's node. */
	static final int ENTRY_OVERHEAD_BYTES = 1024;

	/** A fetch of one key in flight; {@link #result()} gives its answer to waiters, or nothing if it had none. */
	public final class Fetch {

		private final String key;

		private final long generation;

		private final Sinks.One<CachedResponse> result = Sinks.one();

		private Fetch(String key, long generation) {
			this.key = key;
			this.generation = generation;
		}

		/** What the fetching request answered, when waiters may have it too; empty otherwise. */
		Mono<CachedResponse> result() {
			return this.result.asMono();
		}

		/** Stores a fresh answer (unless the cache was invalidated meanwhile) and hands it to the waiters. */
		void store(CachedResponse response) {
			if (EdgeCache.this.generation.get() == this.generation) {
				EdgeCache.this.entries.put(this.key, response);
			}
			finish(response);
		}

		/** Ends the fetch: waiters get {@code answer}, or nothing when null (they then ask the service themselves). */
		void finish(CachedResponse answer) {
			if (EdgeCache.this.inFlight.remove(this.key, this)) {
				if (answer != null) {
					this.result.tryEmitValue(answer);
				}
				else {
					this.result.tryEmitEmpty();
				}
			}
		}

	}

	private final Cache<String, CachedResponse> entries;

	private final ConcurrentHashMap<String, Fetch> inFlight = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	EdgeCache(EdgeCacheProperties properties) {
		this.entries = Caffeine.newBuilder()
			.maximumWeight(properties.maxBytes().toBytes())
			.weigher((String key, CachedResponse response) -> response.body().length + 2 * key.length() + ENTRY_OVERHEAD_BYTES)
			.expireAfter(new Expiry<String, CachedResponse>() {
				@Override
				public long expireAfterCreate(String key, CachedResponse response, long currentTime) {
					return Math.max(0, response.errorUntil() - currentTime);
				}

				@Override
				public long expireAfterUpdate(String key, CachedResponse response, long currentTime, long currentDuration) {
					return expireAfterCreate(key, response, currentTime);
				}

				@Override
				public long expireAfterRead(String key, CachedResponse response, long currentTime, long currentDuration) {
					return currentDuration;
				}
			})
			.build();
	}

	/** The stored answer for the key, fresh or not yet dropped; null when there is none. */
	CachedResponse get(String key) {
		return this.entries.getIfPresent(key);
	}

	/** Starts the fetch of a key, or null when another request is already fetching it. */
	Fetch startFetch(String key) {
		Fetch fetch = new Fetch(key, this.generation.get());
		return (this.inFlight.putIfAbsent(key, fetch) == null) ? fetch : null;
	}

	/** The fetch of this key in flight, or null. */
	Fetch inFlight(String key) {
		return this.inFlight.get(key);
	}

	/** Drops every answer, e.g. after an article was written; fetches in flight will not store theirs. */
	public void clear() {
		this.generation.incrementAndGet();
		this.entries.invalidateAll();
	}

	public long size() {
		return this.entries.estimatedSize();
	}

	public long bytes() {
		return this.entries.policy().eviction().map(Eviction::weightedSize).map(size -> size.orElse(0)).orElse(0L);
	}

	/** Runs Caffeine's pending maintenance (evictions, expiries), so that sizes read next are exact. */
	public void cleanUp() {
		this.entries.cleanUp();
	}

}
