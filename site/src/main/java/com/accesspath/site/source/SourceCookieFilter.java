package com.accesspath.site.source;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the campaign of a visit's landing page for the forms posted without JavaScript: a
 * page read with {@code utm_*} (or {@code wechat_scene}, {@code scene}) parameters, by a
 * visitor who has none kept yet, answers with the session cookie
 * {@value VisitSources#COOKIE} (see {@link VisitSources}). PIPL: it lives for the
 * browser's session only, holds the campaign's words and the referring site (no query),
 * no identifier of the person, and is sent back only to the form paths. That answer is
 * for this reader alone: {@code Cache-Control: no-store, private} whatever the page would
 * have said (the gateway's edge cache never keeps an answer with {@code Set-Cookie}
 * either).
 */
class SourceCookieFilter extends OncePerRequestFilter {

	static final String PRIVATE = "no-store, private";

	/** Paths that are never a landing page. */
	private static final List<String> NOT_PAGES = List.of("/assets/", "/webjars/", "/api/", "/console", "/actuator");

	private final VisitSources sources;

	SourceCookieFilter(VisitSources sources) {
		this.sources = sources;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
				|| request.getQueryString() == null || NOT_PAGES.stream().anyMatch(path::startsWith);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> cookies = this.sources.cookiesFor(request);
		if (cookies.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		cookies.forEach(cookie -> response.addHeader(HttpHeaders.SET_COOKIE, cookie));
		response.setHeader(HttpHeaders.CACHE_CONTROL, PRIVATE);
		chain.doFilter(request, new PrivateAnswer(response));
	}

	/** A response whose {@code Cache-Control}, whatever the page sets, stays private. */
	static final class PrivateAnswer extends HttpServletResponseWrapper {

		PrivateAnswer(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) ? PRIVATE : value);
		}

		@Override
		public void addHeader(String name, String value) {
			if (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
				super.setHeader(name, PRIVATE);
			}
			else {
				super.addHeader(name, value);
			}
		}

	}

}
