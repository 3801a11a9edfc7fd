package com.accesspath.site.source;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import com.accesspath.site.config.SiteProperties;
import com.accesspath.site.html.DownloadFormController;

/**
 * What brought a visitor to a lead form (API.md, "Leads: sources": {@code source}
 * {@code {page, cta, referrer, utm, wechatScene}}), for the forms posted without
 * JavaScript. With JavaScript, site.js fills the form's hidden {@code source.*} fields
 * (partials/sourceFields.jte) and sends them as JSON itself; without it, the fields stay
 * as the server rendered them and the rest comes from here:
 * <ul>
 * <li>the campaign ({@code utm_*}), the external referrer and the WeChat scene
 * ({@code wechat_scene} or {@code scene}) of the landing page, kept in the session cookie
 * {@value #COOKIE} that {@link SourceCookieFilter} sets on the first page of the visit
 * that carries them;</li>
 * <li>the page and the CTA from the form page's own address (the post's {@code Referer},
 * when it is this site: {@code /contact?cta=article-end-contact}).</li>
 * </ul>
 * Every value is cleaned, never refused: control characters go, and it is cut to the
 * API's 500 characters; a lead is worth more than a tidy attribution.
 */
@Component
public class VisitSources {

	/** The session cookie with the landing page's campaign. */
	public static final String COOKIE = "ap_source";

	/**
	 * Where the cookie is sent: the paths the lead forms are posted to without JavaScript
	 * (the contact and guide forms: {@code POST /contact}). Only there, so that every
	 * other page a campaign's visitor reads still comes from the gateway's edge cache,
	 * which passes over requests with cookies. Another form posted elsewhere adds its
	 * path here.
	 */
	public static final List<String> FORM_PATHS = List.of("/contact", "/guide", DownloadFormController.DOWNLOAD_PAGES);

	/** The longest value the API takes. */
	static final int MAX_LENGTH = 500;

	/** The most the cookie's value may take (browsers keep about 4 KiB per cookie). */
	static final int COOKIE_BUDGET = 3000;

	/**
	 * The cookie's fields, most telling first: when Chinese campaign words do not fit in
	 * the budget, the last ones are left out.
	 */
	static final List<String> COOKIE_FIELDS = List.of("source", "medium", "campaign", "scene", "referrer", "term",
			"content");

	static final List<String> UTM = List.of("source", "medium", "campaign", "term", "content");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private final URI site;

	VisitSources(SiteProperties properties) {
		this.site = properties.url();
	}

	/**
	 * A value as the API takes it: without control characters, stripped, at most 500
	 * characters (never half of a surrogate pair); null when nothing is left.
	 */
	public static String clean(String value) {
		if (value == null) {
			return null;
		}
		String text = CONTROL.matcher(value).replaceAll("").strip();
		if (text.length() > MAX_LENGTH) {
			int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
			text = text.substring(0, end).strip();
		}
		return text.isEmpty() ? null : text;
	}

	/**
	 * The JSON {@code source} of a lead form posted to the site: its hidden fields first,
	 * then the form page's address and the landing cookie. Empty when nothing is known
	 * (the caller then sends no {@code source}).
	 */
	public Map<String, Object> ofForm(MultiValueMap<String, String> form, HttpServletRequest request) {
		Map<String, String> landing = landing(request);
		URI formPage = ownPage(request.getHeader(HttpHeaders.REFERER));
		Map<String, Object> source = new LinkedHashMap<>();
		put(source, "page", first(form.getFirst("source.page"), (formPage != null) ? formPage.getRawPath() : null));
		put(source, "cta", first(form.getFirst("source.cta"), (formPage != null) ? ctaOf(formPage) : null));
		put(source, "referrer", first(form.getFirst("source.referrer"), landing.get("referrer")));
		Map<String, Object> utm = new LinkedHashMap<>();
		for (String field : UTM) {
			put(utm, field, first(form.getFirst("source.utm." + field), landing.get(field)));
		}
		if (!utm.isEmpty()) {
			source.put("utm", utm);
		}
		put(source, "wechatScene", first(form.getFirst("source.wechatScene"), landing.get("scene")));
		return source;
	}

	/**
	 * The {@code Set-Cookie} values that keep this landing's campaign for the visit's
	 * forms, or none: when the request carries no campaign, or the visit already has one
	 * (the first landing with a campaign is the one that counts).
	 */
	List<String> cookiesFor(HttpServletRequest request) {
		if (!landing(request).isEmpty()) {
			return List.of();
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : UTM) {
			putIfText(values, field, request.getParameter("utm_" + field));
		}
		String scene = request.getParameter("wechat_scene");
		putIfText(values, "scene", (scene != null && !scene.isBlank()) ? scene : request.getParameter("scene"));
		if (values.isEmpty()) {
			return List.of();
		}
		putIfText(values, "referrer", externalReferrer(request));
		String value = encode(values);
		List<String> cookies = new ArrayList<>();
		for (String path : FORM_PATHS) {
			// A session cookie (no Max-Age): it ends with the browser's session.
			cookies.add(ResponseCookie.from(COOKIE, value)
				.path(path)
				.httpOnly(true)
				.secure(request.isSecure())
				.sameSite("Lax")
				.build()
				.toString());
		}
		return cookies;
	}

	/**
	 * The landing cookie's fields; empty without one, or with one that cannot be read.
	 */
	static Map<String, String> landing(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		Map<String, String> values = new LinkedHashMap<>();
		if (cookies == null) {
			return values;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName())) {
				values.putAll(decode(cookie.getValue()));
			}
		}
		return values;
	}

	/** {@code source=wechat&campaign=...}, within the cookie's budget. */
	static String encode(Map<String, String> values) {
		StringBuilder encoded = new StringBuilder();
		for (String field : COOKIE_FIELDS) {
			String value = values.get(field);
			if (value == null) {
				continue;
			}
			String pair = field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
			if (encoded.length() + pair.length() + 1 <= COOKIE_BUDGET) {
				encoded.append(encoded.isEmpty() ? "" : "&").append(pair);
			}
		}
		return encoded.toString();
	}

	/** The cookie's known fields, cleaned; nothing from a value that is not ours. */
	static Map<String, String> decode(String value) {
		Map<String, String> values = new LinkedHashMap<>();
		if (value == null) {
			return values;
		}
		for (String pair : value.split("&")) {
			int equals = pair.indexOf('=');
			if (equals <= 0 || !COOKIE_FIELDS.contains(pair.substring(0, equals))) {
				continue;
			}
			try {
				putIfText(values, pair.substring(0, equals),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				// A broken escape: that field is unknown, the others still count.
			}
		}
		return values;
	}

	/**
	 * The page that sent the visitor, when it is another site's: its origin and path, not
	 * its query (a search engine's query may say what the person searched for).
	 */
	private String externalReferrer(HttpServletRequest request) {
		URI referrer = uri(request.getHeader(HttpHeaders.REFERER));
		if (referrer == null || referrer.getHost() == null || isThisSite(referrer, request)
				|| !("http".equals(referrer.getScheme()) || "https".equals(referrer.getScheme()))) {
			return null;
		}
		int port = referrer.getPort();
		return referrer.getScheme() + "://" + referrer.getHost() + ((port >= 0) ? ":" + port : "")
				+ ((referrer.getRawPath() != null) ? referrer.getRawPath() : "");
	}

	/** The {@code Referer} of a post when it is one of this site's pages, else null. */
	private URI ownPage(String referer) {
		URI page = uri(referer);
		return (page != null && page.getHost() != null && page.getHost().equalsIgnoreCase(this.site.getHost())
				&& page.getRawPath() != null && page.getRawPath().startsWith("/")) ? page : null;
	}

	private boolean isThisSite(URI referrer, HttpServletRequest request) {
		return referrer.getHost().equalsIgnoreCase(this.site.getHost())
				|| referrer.getHost().equalsIgnoreCase(request.getServerName());
	}

	/** The page's {@code ?cta=}, the CTA the visitor followed to it. */
	private static String ctaOf(URI page) {
		String query = page.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("cta=")) {
				try {
					return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static URI uri(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return URI.create(value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String first(String value, String fallback) {
		String cleaned = clean(value);
		return (cleaned != null) ? cleaned : clean(fallback);
	}

	private static void put(Map<String, Object> map, String field, String value) {
		if (value != null) {
			map.put(field, value);
		}
	}

	private static void putIfText(Map<String, String> map, String field, String value) {
		String cleaned = clean(value);
		if (cleaned != null) {
			map.put(field, cleaned);
		}
	}

}
