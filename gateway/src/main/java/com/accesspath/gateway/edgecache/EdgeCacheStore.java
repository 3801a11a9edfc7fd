package com.accesspath.gateway.edgecache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * A small LRU of answers, bounded in entries and in body bytes, whose entries expire. One lock: the critical
 * sections are a map lookup or insert, far shorter than anything else a request does.
 */
@Component
public final class EdgeCacheStore {

	/** One stored answer: status, headers (without per-request ones), body, and when it was stored and expires. */
	record CachedResponse(int status, HttpHeaders headers, byte[] body, long storedAtNanos, long expiresAtNanos) {

		boolean freshAt(long nowNanos) {
			return nowNanos - this.expiresAtNanos < 0;
		}

	}

	private final int maxEntries;

	private final long maxBytes;

	private final LinkedHashMap<String, CachedResponse> entries = new LinkedHashMap<>(64, 0.75f, true);

	private long bytes;

	EdgeCacheStore(EdgeCacheProperties properties) {
		this.maxEntries = properties.maxEntries();
		this.maxBytes = properties.maxBytes().toBytes();
	}

	/** The fresh answer for the key, or null; an expired one is dropped. */
	synchronized CachedResponse get(String key, long nowNanos) {
		CachedResponse cached = this.entries.get(key);
		if (cached != null && !cached.freshAt(nowNanos)) {
			remove(key);
			return null;
		}
		return cached;
	}

	synchronized void put(String key, CachedResponse response) {
		if (response.body().length > this.maxBytes) {
			return;
		}
		remove(key);
		this.entries.put(key, response);
		this.bytes += response.body().length;
		Iterator<Map.Entry<String, CachedResponse>> eldest = this.entries.entrySet().iterator();
		while ((this.entries.size() > this.maxEntries || this.bytes > this.maxBytes) && eldest.hasNext()) {
			this.bytes -= eldest.next().getValue().body().length;
			eldest.remove();
		}
	}

	/** Drops everything, e.g. after an article was written. */
	public synchronized void clear() {
		this.entries.clear();
		this.bytes = 0;
	}

	public synchronized int size() {
		return this.entries.size();
	}

	public synchronized long bytes() {
		return this.bytes;
	}

	private void remove(String key) {
		CachedResponse removed = this.entries.remove(key);
		if (removed != null) {
			this.bytes -= removed.body().length;
		}
	}

}
