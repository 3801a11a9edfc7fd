package com.accesspath.gateway.edgecache;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.accesspath.gateway.edgecache.EdgeCacheStore.CachedResponse;

/**
 * Answers repeated anonymous public reads (an article, a list, a page, the hot list) from memory, before the
 * expensive per-request machinery: Spring Security's reactive chain, the handler lookup, routing, the circuit
 * breaker, the proxy call and the gateway's metrics. Those cost the gateway ~0.5 ms of CPU per proxied request,
 * more than serving the article costs article-service; a hit costs a map lookup and one write (DESIGN,
 * "Performance notes").
 * <p>
 * Ordered right after {@code RequestIdWebFilter}, so every answer, a hit too, has its own {@code X-Request-Id}, and
 * before the security chain (order -100). That is safe because only requests the security chain would let through
 * unauthenticated and unchanged are candidates: GET/HEAD without {@code Authorization} or {@code Cookie} on the
 * configured public paths, never {@code /api/admin/**}. Requests with an {@code Origin} are not candidates either:
 * their CORS headers are written by the security chain, per origin. What is stored is the whole answer as it left
 * the gateway (security headers included), when the service allowed shared caching: a 200 with {@code max-age} (or
 * {@code s-maxage}) and neither {@code no-store}, {@code private}, {@code no-cache} nor {@code Set-Cookie}; it is
 * kept for the shorter of that and the configured TTL, and replayed with {@code Age} and the remaining
 * {@code max-age}. An article write through the gateway empties the cache; other changes show within the TTL.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class EdgeCacheWebFilter implements WebFilter {

	/** Headers of one exchange, not of the answer: never stored, never replayed. */
	private static final Set<String> PER_REQUEST = Set.of("x-request-id", "date", "age", "set-cookie", "content-length",
			"transfer-encoding", "connection", "keep-alive");

	/** The only {@code Vary} a stored answer may have: CORS's, and cached requests carry no {@code Origin}. */
	private static final Set<String> CORS_VARY = Set.of("origin", "access-control-request-method",
			"access-control-request-headers");

	private static final Pattern MAX_AGE = Pattern.compile("(?<![\\w-])max-age=\\d+");

	private final EdgeCacheProperties properties;

	private final EdgeCacheStore store;

	private final List<PathPattern> paths;

	private final Counter hits;

	private final Counter misses;

	EdgeCacheWebFilter(EdgeCacheProperties properties, EdgeCacheStore store, MeterRegistry meters) {
		this.properties = properties;
		this.store = store;
		this.paths = properties.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.hits = Counter.builder("gateway.edge.cache.requests").tag("result", "hit").register(meters);
		this.misses = Counter.builder("gateway.edge.cache.requests").tag("result", "miss").register(meters);
		Gauge.builder("gateway.edge.cache.entries", store, EdgeCacheStore::size).register(meters);
		Gauge.builder("gateway.edge.cache.bytes", store, EdgeCacheStore::bytes).register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.properties.enabled()) {
			return chain.filter(exchange);
		}
		if (!isCandidate(request)) {
			if (isArticleWrite(request)) {
				// Once the service has answered the write, and before its client hears of it.
				exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(this.store::clear));
			}
			return chain.filter(exchange);
		}
		String query = request.getURI().getRawQuery();
		String key = (query != null) ? request.getPath().value() + "?" + query : request.getPath().value();
		long now = System.nanoTime();
		CachedResponse cached = this.store.get(key, now);
		if (cached != null) {
			this.hits.increment();
			return replay(exchange, cached, now);
		}
		this.misses.increment();
		if (request.getMethod() != HttpMethod.GET) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().response(new Capture(exchange.getResponse(), key)).build());
	}

	private boolean isCandidate(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		HttpHeaders headers = request.getHeaders();
		if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || headers.containsHeader(HttpHeaders.AUTHORIZATION)
				|| headers.containsHeader(HttpHeaders.COOKIE) || headers.containsHeader(HttpHeaders.ORIGIN)) {
			return false;
		}
		PathContainer path = request.getPath().pathWithinApplication();
		if (path.value().startsWith("/api/admin/")) {
			return false;
		}
		for (PathPattern pattern : this.paths) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isArticleWrite(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS
				&& request.getPath().value().startsWith("/api/admin/articles");
	}

	/** The stored answer with this request's id, its age and the remaining max-age; 304 when the ETag matches. */
	private static Mono<Void> replay(ServerWebExchange exchange, CachedResponse cached, long now) {
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		cached.headers().forEach(headers::put);
		long ageSeconds = (now - cached.storedAtNanos()) / 1_000_000_000L;
		long remainingSeconds = Math.max(0, (cached.expiresAtNanos() - now) / 1_000_000_000L);
		headers.set(HttpHeaders.AGE, Long.toString(ageSeconds));
		String cacheControl = headers.getCacheControl();
		if (cacheControl != null) {
			headers.setCacheControl(MAX_AGE.matcher(cacheControl).replaceAll("max-age=" + remainingSeconds));
		}
		String etag = headers.getETag();
		if (etag != null && matches(exchange.getRequest().getHeaders().getIfNoneMatch(), etag)) {
			response.setStatusCode(HttpStatus.NOT_MODIFIED);
			headers.remove(HttpHeaders.CONTENT_TYPE);
			// The length the 200 would have had (RFC 9110, 8.6): without one, a keep-alive client's next request on
			// the same connection was sometimes left unanswered.
			headers.setContentLength(cached.body().length);
			return response.setComplete();
		}
		response.setStatusCode(HttpStatusCode.valueOf(cached.status()));
		headers.setContentLength(cached.body().length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(cached.body())));
	}

	/** Weak comparison, as for {@code If-None-Match}. */
	private static boolean matches(List<String> ifNoneMatch, String etag) {
		String bare = opaque(etag);
		return ifNoneMatch.stream().anyMatch(tag -> tag.equals("*") || opaque(tag).equals(bare));
	}

	private static String opaque(String etag) {
		return (etag.startsWith("W/") ? etag.substring(2) : etag).replace("\"", "");
	}

	/** Seconds a shared cache may keep this answer, or 0 if it must not keep it. */
	static long sharedMaxAge(HttpStatusCode status, HttpHeaders headers) {
		if (status.value() != 200 || headers.containsHeader(HttpHeaders.SET_COOKIE)) {
			return 0;
		}
		for (String vary : headers.getVary()) {
			if (!CORS_VARY.contains(vary.strip().toLowerCase(Locale.ROOT))) {
				return 0;
			}
		}
		long maxAge = 0;
		long sMaxAge = -1;
		for (String directive : String.join(",", headers.getOrEmpty(HttpHeaders.CACHE_CONTROL)).split(",")) {
			String d = directive.strip().toLowerCase(Locale.ROOT);
			if (d.equals("no-store") || d.equals("private") || d.startsWith("private=") || d.equals("no-cache")
					|| d.startsWith("no-cache=")) {
				return 0;
			}
			if (d.startsWith("max-age=")) {
				maxAge = seconds(d.substring(8));
			}
			else if (d.startsWith("s-maxage=")) {
				sMaxAge = seconds(d.substring(9));
			}
		}
		return (sMaxAge >= 0) ? sMaxAge : maxAge;
	}

	private static long seconds(String value) {
		try {
			return Math.max(0, Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** Passes a miss's answer through and keeps a copy of its body, then stores it if it may be shared. */
	private final class Capture extends ServerHttpResponseDecorator {

		private final String key;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private boolean tooLarge;

		Capture(ServerHttpResponse delegate, String key) {
			super(delegate);
			this.key = key;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatusCode status = getStatusCode();
			if (status != null && status.value() != 200) {
				return super.writeWith(body);
			}
			// Stored when the body is complete: the headers were committed (security's included) with its first
			// buffer, and the client, not yet having the end of this answer, finds it stored when it asks again.
			return super.writeWith(Flux.from(body).doOnNext(this::copy).doOnComplete(this::store));
		}

		private void copy(DataBuffer buffer) {
			if (this.tooLarge || this.body.size() + buffer.readableByteCount() > maxEntryBytes()) {
				this.tooLarge = true;
				return;
			}
			// Read-only views: the buffer itself is left as it is for the write.
			try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
				while (views.hasNext()) {
					ByteBuffer view = views.next();
					byte[] bytes = new byte[view.remaining()];
					view.get(bytes);
					this.body.writeBytes(bytes);
				}
			}
		}

		private void store() {
			HttpStatusCode status = getStatusCode();
			HttpHeaders written = getHeaders();
			long maxAge = (this.tooLarge || status == null) ? 0 : sharedMaxAge(status, written);
			long ttlNanos = Math.min(maxAge * 1_000_000_000L, EdgeCacheWebFilter.this.properties.ttl().toNanos());
			if (ttlNanos <= 0) {
				return;
			}
			HttpHeaders kept = new HttpHeaders();
			written.forEach((name, values) -> {
				if (!PER_REQUEST.contains(name.toLowerCase(Locale.ROOT))) {
					kept.put(name, List.copyOf(values));
				}
			});
			long now = System.nanoTime();
			EdgeCacheWebFilter.this.store.put(this.key, new CachedResponse(status.value(), HttpHeaders.readOnlyHttpHeaders(kept),
					this.body.toByteArray(), now, now + ttlNanos));
		}

		private long maxEntryBytes() {
			return EdgeCacheWebFilter.this.properties.maxEntryBytes().toBytes();
		}

	}

}
