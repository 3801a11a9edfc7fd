package com.accesspath.boot.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the caller's {@code X-Request-Id} (the gateway sets one on every request) or
 * makes one, echoes it in the response and puts it in the log context, so one request can
 * be followed through every service's logs.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String HEADER = RequestIds.HEADER;

	public static final String MDC_KEY = "requestId";

	/** The caller's id when it is acceptable, else a new one ({@link RequestIds}). */
	public static String acceptOrCreate(String candidate) {
		return RequestIds.acceptOrCreate(candidate);
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
