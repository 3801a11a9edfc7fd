package com.accesspath.gateway.edgecache;

import org.springframework.http.HttpHeaders;

/**
 * One stored answer: status, headers (without per-exchange ones), body, and the three
 * moments of its life, in {@link System#nanoTime()}: fresh until {@code freshUntil}; then
 * served while one request fetches its successor until {@code revalidateUntil}; then
 * served only when the service fails until {@code errorUntil}, when it is dropped. A
 * replay sends the headers as the service wrote them, {@code Cache-Control} included,
 * with the {@code Age} of the copy: a browser's own freshness is the service's max-age
 * less that age (RFC 9111, 4.2.3), counted once.
 */
record CachedResponse(int status, HttpHeaders headers, byte[] body, long storedAt, long freshUntil,
		long revalidateUntil, long errorUntil) {

	boolean freshAt(long now) {
		return now - this.freshUntil < 0;
	}

	boolean revalidatableAt(long now) {
		return now - this.revalidateUntil < 0;
	}

	boolean usableOnErrorAt(long now) {
		return now - this.errorUntil < 0;
	}

}
