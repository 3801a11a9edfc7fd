package com.accesspath.boot.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The request id every service and the gateway put on a request ({@code X-Request-Id}):
 * the caller's when it is a sane one, else a new one. No web stack of its own, so the
 * servlet services and the reactive gateway share it.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	/**
	 * Anything else is replaced: the id ends up in logs and headers, so it must not carry
	 * arbitrary text.
	 */
	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private RequestIds() {
	}

	/** The caller's id when it is acceptable, else a new one. */
	public static String acceptOrCreate(String candidate) {
		if (candidate != null && ACCEPTABLE.matcher(candidate).matches()) {
			return candidate;
		}
		// A version-4 UUID from a fast random source: an id only tells requests apart, it
		// guards nothing, and
		// UUID.randomUUID()'s SecureRandom was a visible share of a small request's CPU.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
