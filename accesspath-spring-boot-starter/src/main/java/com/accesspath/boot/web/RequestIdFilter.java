package com.accesspath.boot.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the caller's {@code X-Request-Id} (the gateway sets one on every request) or makes one, echoes it in the
 * response and puts it in the log context, so one request can be followed through every service's logs.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	/** Anything else is replaced: the id ends up in logs and headers, so it must not carry arbitrary text. */
	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	/** The caller's id when it is acceptable, else a new one. */
	public static String acceptOrCreate(String candidate) {
		if (candidate != null && ACCEPTABLE.matcher(candidate).matches()) {
			return candidate;
		}
		// A version-4 UUID from a fast random source: an id only tells requests apart, it guards nothing, and
		// UUID.randomUUID()'s SecureRandom was a visible share of a small request's CPU.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = acceptOrCreate(request.getHeader(HEADER));
		request.setAttribute(MDC_KEY, requestId);
		response.setHeader(HEADER, requestId);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

}
