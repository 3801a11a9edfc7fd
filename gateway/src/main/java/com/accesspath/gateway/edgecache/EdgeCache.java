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
 * The edge cache's memory: Caffeine, bounded by the bytes it holds (bodies, headers,
 * keys), each entry dropped when even a failing service no longer justifies it
 * ({@link CachedResponse#errorUntil()}); and the fetches in flight, one per key, that
 * other requests for the same key wait for instead of asking the service themselves.
 * <p>
 * A generation counter makes invalidation safe against fetches that started before it:
 * their answers, which may predate the write that invalidated the cache, reach only the
 * requests that were already waiting for them, and are never read from the cache.
 */
@Component
public final class EdgeCache {

	/**
	 * Bytes counted per entry beyond its body and key: headers, the record, Caffeine's
	 * node.
	 */
	static final int ENTRY_OVERHEAD_BYTES = 1024;

	/**
	 * A fetch of one key in flight; {@link #result()} gives its answer to waiters, or
	 * nothing if it had none.
	 */
	public final class Fetch {

		private final String key;

		private final long generation;

		private final Sinks.One<CachedResponse> result = Sinks.one();

		private Fetch(String key, long generation) {
			this.key = key;
			this.generation = generation;
		}

		/**
		 * What the fetching request answered, when waiters may have it too; empty
		 * otherwise.
		 */
		Mono<CachedResponse> result() {
			return this.result.asMono();
		}

		/**
		 * Stores a fresh answer and hands it to the waiters. An answer fetched before an
		 * invalidation is stored with its generation and never read ({@link #get}),
		 * whichever of the two ran first.
		 */
		void store(CachedResponse response) {
			if (EdgeCache.this.generation.get() == this.generation) {
				EdgeCache.this.entries.put(this.key, new Stored(response, this.generation));
			}
			finish(response);
		}

		/**
		 * Ends the fetch: waiters get {@code answer}, or nothing when null (they then ask
		 * the service themselves).
		 */
		void finish(CachedResponse answer) {
			EdgeCache.this.inFlight.remove(this.key, this);
			if (answer != null) {
				this.result.tryEmitValue(answer);
			}
			else {
				this.result.tryEmitEmpty();
			}
		}

	}

	/** An answer and the generation of the cache it was fetched in. */
	private record Stored(CachedResponse response, long generation) {
	}

	private final Cache<String, Stored> entries;

	private final ConcurrentHashMap<String, Fetch> inFlight = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	EdgeCache(EdgeCacheProperties properties) {
		this.entries = Caffeine.newBuilder()
			.maximumWeight(properties.maxBytes().toBytes())
			.weigher((String key, Stored stored) -> stored.response().body().length + 2 * key.length()
					+ ENTRY_OVERHEAD_BYTES)
			.expireAfter(new Expiry<String, Stored>() {
				@Override
				public long expireAfterCreate(String key, Stored stored, long currentTime) {
					return Math.max(0, stored.response().errorUntil() - currentTime);
				}

				@Override
				public long expireAfterUpdate(String key, Stored stored, long currentTime, long currentDuration) {
					return expireAfterCreate(key, stored, currentTime);
				}

				@Override
				public long expireAfterRead(String key, Stored stored, long currentTime, long currentDuration) {
					return currentDuration;
				}
			})
			.build();
	}

	/**
	 * The stored answer for the key, fresh or not yet dropped; null when there is none
	 * since the last invalidation.
	 */
	CachedResponse get(String key) {
		Stored stored = this.entries.getIfPresent(key);
		if (stored == null) {
			return null;
		}
		if (stored.generation() != this.generation.get()) {
			this.entries.asMap().remove(key, stored);
			return null;
		}
		return stored.response();
	}

	/**
	 * Starts the fetch of a key, or null when another request is already fetching it
	 * since the last invalidation (a fetch that started before it is replaced: its answer
	 * may predate the write).
	 */
	Fetch startFetch(String key) {
		long current = this.generation.get();
		Fetch fetch = new Fetch(key, current);
		Fetch winner = this.inFlight.compute(key,
				(k, running) -> (running == null || running.generation != current) ? fetch : running);
		return (winner == fetch) ? fetch : null;
	}

	/** The fetch of this key in flight since the last invalidation, or null. */
	Fetch inFlight(String key) {
		Fetch fetch = this.inFlight.get(key);
		return (fetch != null && fetch.generation == this.generation.get()) ? fetch : null;
	}

	/**
	 * Drops every answer, e.g. after an article was written; fetches in flight will not
	 * store theirs.
	 */
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

	/**
	 * Runs Caffeine's pending maintenance (evictions, expiries), so that sizes read next
	 * are exact.
	 */
	public void cleanUp() {
		this.entries.cleanUp();
	}

}
