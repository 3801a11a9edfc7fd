package com.accesspath.gateway.edgecache;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;

/**
 * One stored answer: status, headers (without per-exchange ones), body, and the three
 * moments of its life, in {@link System#nanoTime()}: fresh until {@code freshUntil}; then
 * served while one request fetches its successor until {@code revalidateUntil}; then
 * served only when the service fails until {@code errorUntil}, when it is dropped.
 */
record CachedResponse(int status, HttpHeaders headers, byte[] body, long storedAt, long freshUntil,
		long revalidateUntil, long errorUntil, String cacheControlBeforeMaxAge, String cacheControlAfterMaxAge) {

	private static final Pattern MAX_AGE = Pattern.compile("(?<![\\w-])max-age=\\d+");

	/**
	 * An answer whose {@code Cache-Control} is split around its {@code max-age}, so a
	 * replay only fills it in.
	 */
	static CachedResponse of(int status, HttpHeaders headers, byte[] body, long storedAt, long freshUntil,
			long revalidateUntil, long errorUntil) {
		String cacheControl = headers.getCacheControl();
		Matcher maxAge = (cacheControl != null) ? MAX_AGE.matcher(cacheControl) : null;
		if (maxAge == null || !maxAge.find()) {
			return new CachedResponse(status, headers, body, storedAt, freshUntil, revalidateUntil, errorUntil, null,
					null);
		}
		return new CachedResponse(status, headers, body, storedAt, freshUntil, revalidateUntil, errorUntil,
				cacheControl.substring(0, maxAge.start()) + "max-age=", cacheControl.substring(maxAge.end()));
	}

	/**
	 * {@code Cache-Control} with the given remaining {@code max-age}, or null when it has
	 * none.
	 */
	String cacheControlWithMaxAge(long seconds) {
		return (this.cacheControlBeforeMaxAge == null) ? null
				: this.cacheControlBeforeMaxAge + seconds + this.cacheControlAfterMaxAge;
	}

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
