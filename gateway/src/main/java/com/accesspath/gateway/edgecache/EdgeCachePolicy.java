package com.accesspath.gateway.edgecache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What the edge cache may store and answer, and for how long: no I/O, no clock,
 * unit-tested on its own.
 * <p>
 * A request is a candidate when the security chain would let it through anonymously and
 * unchanged (GET or HEAD without {@code Authorization}, {@code Cookie} or {@code Origin};
 * never {@code /api/admin/**}), its path is one of the configured JSON or HTML paths, and
 * the representation of that path is the one the client prefers most: a request whose
 * {@code Accept} ranks YAML above JSON is not a candidate, so no cached JSON answers it
 * and no YAML is ever stored for JSON clients. The key is the representation, the path
 * and the raw query: nothing else the services vary on reaches them from an anonymous
 * request.
 * <p>
 * An answer is stored only when it is exactly that representation (a 200 whose
 * {@code Content-Type} is JSON or HTML, not encoded), the service allowed shared caching
 * ({@code max-age} or {@code s-maxage}, and neither {@code no-store}, {@code private},
 * {@code no-cache} nor {@code Set-Cookie}), and it varies on nothing but what the key
 * holds.
 */
public final class EdgeCachePolicy {

	/** A representation the edge cache keeps. */
	public enum Variant {

		JSON(MediaType.APPLICATION_JSON), HTML(MediaType.TEXT_HTML);

		final MediaType type;

		Variant(MediaType type) {
			this.type = type;
		}

	}

	/**
	 * {@code Vary} values an answer may carry: CORS's (cached requests have no
	 * {@code Origin}), the key's own, and {@code Accept-Encoding} (the cache keeps the
	 * identity bytes; the gateway compresses each answer for its client).
	 */
	private static final Set<String> ALLOWED_VARY = Set.of("origin", "access-control-request-method",
			"access-control-request-headers", "accept", "accept-encoding");

	/**
	 * Request headers that make an answer conditional or partial: the key's fetch drops
	 * them.
	 */
	public static final List<String> CONDITIONS = List.of(HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MODIFIED_SINCE,
			HttpHeaders.IF_MATCH, HttpHeaders.IF_UNMODIFIED_SINCE, HttpHeaders.IF_RANGE, HttpHeaders.RANGE);

	private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse("/api/admin/**");

	private final List<PathPattern> jsonPaths;

	private final List<PathPattern> htmlPaths;

	private final Duration ttl;

	public EdgeCachePolicy(EdgeCacheProperties properties) {
		this.jsonPaths = parse(properties.jsonPaths());
		this.htmlPaths = parse(properties.htmlPaths());
		this.ttl = properties.ttl();
	}

	private static List<PathPattern> parse(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	/**
	 * The representation to answer this request from, or null when the cache must stay
	 * out of it.
	 */
	public Variant variantOf(HttpMethod method, PathContainer container, HttpHeaders headers) {
		String path = container.value();
		if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || headers.containsHeader(HttpHeaders.AUTHORIZATION)
				|| headers.containsHeader(HttpHeaders.COOKIE) || headers.containsHeader(HttpHeaders.ORIGIN)
				|| !isNormalised(path)) {
			return null;
		}
		if (ADMIN.matches(container)) {
			return null;
		}
		Variant variant = matches(this.jsonPaths, container) ? Variant.JSON
				: matches(this.htmlPaths, container) ? Variant.HTML : null;
		return (variant != null && prefers(headers.getOrEmpty(HttpHeaders.ACCEPT), variant.type)) ? variant : null;
	}

	/**
	 * A path the security chain's firewall would pass unchanged: no dot segments, no
	 * empty segments, no encoded slash, backslash, dot or percent, no path parameters.
	 * Anything else is left to the routes (and the firewall).
	 */
	static boolean isNormalised(String rawPath) {
		if (rawPath.contains("//") || rawPath.contains(";") || rawPath.contains("\\") || rawPath.contains("/./")
				|| rawPath.contains("/../") || rawPath.endsWith("/.") || rawPath.endsWith("/..")) {
			return false;
		}
		String lower = rawPath.toLowerCase(Locale.ROOT);
		return !(lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%25")
				|| lower.contains("%3b") || lower.contains("%00"));
	}

	private static boolean matches(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether {@code type} is acceptable with the highest quality any type in
	 * {@code Accept} has (no header: anything is). A header that does not parse is not a
	 * candidate: the service answers it as it sees fit.
	 */
	static boolean prefers(List<String> accept, MediaType type) {
		if (accept.isEmpty()) {
			return true;
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		if (types.isEmpty()) {
			return true;
		}
		double best = 0;
		double ours = 0;
		for (MediaType acceptable : types) {
			double quality = acceptable.getQualityValue();
			best = Math.max(best, quality);
			if (acceptable.includes(type)) {
				ours = Math.max(ours, quality);
			}
		}
		return ours > 0 && ours >= best;
	}

	/** The key of a candidate: representation, path and raw query. */
	public String keyOf(Variant variant, String path, String rawQuery) {
		return (rawQuery == null) ? variant.name() + " " + path : variant.name() + " " + path + "?" + rawQuery;
	}

	/**
	 * How long this answer may be served as fresh: zero when it must not be stored at
	 * all.
	 */
	public Duration freshFor(Variant variant, int status, HttpHeaders headers) {
		if (status != 200 || headers.containsHeader(HttpHeaders.SET_COOKIE)) {
			return Duration.ZERO;
		}
		MediaType contentType;
		try {
			contentType = headers.getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return Duration.ZERO;
		}
		if (contentType == null || !variant.type.isCompatibleWith(contentType) || contentType.isWildcardSubtype()) {
			return Duration.ZERO;
		}
		String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
		if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
			return Duration.ZERO;
		}
		for (String vary : headers.getVary()) {
			if (!ALLOWED_VARY.contains(vary.strip().toLowerCase(Locale.ROOT))) {
				return Duration.ZERO;
			}
		}
		long maxAge = 0;
		long sharedMaxAge = -1;
		for (String directive : String.join(",", headers.getOrEmpty(HttpHeaders.CACHE_CONTROL)).split(",")) {
			String d = directive.strip().toLowerCase(Locale.ROOT);
			if (d.equals("no-store") || d.equals("private") || d.startsWith("private=") || d.equals("no-cache")
					|| d.startsWith("no-cache=")) {
				return Duration.ZERO;
			}
			if (d.startsWith("max-age=")) {
				maxAge = seconds(d.substring(8));
			}
			else if (d.startsWith("s-maxage=")) {
				sharedMaxAge = seconds(d.substring(9));
			}
		}
		Duration allowed = Duration.ofSeconds((sharedMaxAge >= 0) ? sharedMaxAge : maxAge);
		return (allowed.compareTo(this.ttl) < 0) ? allowed : this.ttl;
	}

	/**
	 * Whether a stored answer may be served once it is no longer fresh (while
	 * revalidating, or when the service fails): not when the service said
	 * {@code must-revalidate} or {@code proxy-revalidate}.
	 */
	public boolean allowsStale(HttpHeaders headers) {
		for (String directive : String.join(",", headers.getOrEmpty(HttpHeaders.CACHE_CONTROL)).split(",")) {
			String d = directive.strip().toLowerCase(Locale.ROOT);
			if (d.equals("must-revalidate") || d.equals("proxy-revalidate")) {
				return false;
			}
		}
		return true;
	}

	private static long seconds(String value) {
		try {
			return Math.max(0, Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
