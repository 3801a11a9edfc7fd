package com.accesspath.gateway.edgecache;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
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

import com.accesspath.gateway.directproxy.DirectProxy;
import com.accesspath.gateway.directproxy.DirectRoutes;
import com.accesspath.gateway.edgecache.EdgeCache.Fetch;
import com.accesspath.gateway.edgecache.EdgeCachePolicy.Variant;

/**
 * Answers anonymous public reads (articles, lists, pages, the hot list) from memory,
 * before the expensive per-request machinery: Spring Security's reactive chain, the
 * handler lookup, routing, the circuit breaker, the proxy call. What may be cached is
 * {@link EdgeCachePolicy}'s decision; this filter adds the timing:
 * <ul>
 * <li><b>fresh</b>: answered from memory as the service wrote it, with its
 * {@code Age};</li>
 * <li><b>coalesced</b>: on a miss one request asks the service, the others for the same
 * key wait for its answer;</li>
 * <li><b>stale while revalidating</b>: once an answer is no longer fresh, one request
 * fetches its successor while the others are still given the old one, so an expiry under
 * load is not a stampede;</li>
 * <li><b>stale if error</b>: when the service fails (5xx, timeout, breaker open) a stored
 * answer up to {@code stale-if-error} old is given instead, its {@code Age} telling how
 * old.</li>
 * </ul>
 * Ordered right after the request id (every answer, a hit too, has its own
 * {@code X-Request-Id}) and the header limit, and before the security chain, which is
 * safe because only requests that chain would let through anonymously and unchanged are
 * candidates. A miss of a path with a direct route is fetched through the
 * {@link DirectProxy}, the others through the routes. A successful write to an
 * invalidating path empties the cache of every replica ({@link EdgeCacheInvalidation}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class EdgeCacheWebFilter implements WebFilter {

	/** Headers of one exchange, not of the answer: never stored, never replayed. */
	private static final Set<String> PER_EXCHANGE = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	static {
		PER_EXCHANGE.addAll(List.of("X-Request-Id", "Date", "Age", "Set-Cookie", "Content-Length", "Transfer-Encoding",
				"Connection", "Keep-Alive", "Retry-After"));
	}

	enum Result {

		HIT, STALE, COALESCED, MISS, STALE_ON_ERROR

	}

	private final EdgeCacheProperties properties;

	private final EdgeCachePolicy policy;

	private final EdgeCache cache;

	private final EdgeCacheInvalidation invalidation;

	private final List<PathPattern> invalidatingWrites;

	private final Map<Result, Counter> results = new EnumMap<>(Result.class);

	private final DirectRoutes directRoutes;

	private final DirectProxy directProxy;

	EdgeCacheWebFilter(EdgeCacheProperties properties, EdgeCache cache, EdgeCacheInvalidation invalidation,
			DirectRoutes directRoutes, DirectProxy directProxy, MeterRegistry meters) {
		this.properties = properties;
		this.directRoutes = directRoutes;
		this.directProxy = directProxy;
		this.policy = new EdgeCachePolicy(properties);
		this.cache = cache;
		this.invalidation = invalidation;
		this.invalidatingWrites = properties.invalidatingWrites()
			.stream()
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
		for (Result result : Result.values()) {
			this.results.put(result,
					Counter.builder("gateway.edge.cache.requests")
						.tag("result", result.name().toLowerCase(Locale.ROOT).replace('_', '-'))
						.register(meters));
		}
		Gauge.builder("gateway.edge.cache.entries", cache, EdgeCache::size).register(meters);
		Gauge.builder("gateway.edge.cache.bytes", cache, EdgeCache::bytes).register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.properties.enabled()) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		HttpMethod method = request.getMethod();
		PathContainer path = request.getPath().pathWithinApplication();
		if (isInvalidatingWrite(method, path)) {
			ServerHttpResponse response = exchange.getResponse();
			// Once the service has accepted the write, and before its client hears of it.
			response.beforeCommit(() -> Mono.fromRunnable(() -> {
				if (response.getStatusCode() != null && response.getStatusCode().is2xxSuccessful()) {
					this.invalidation.invalidateAll();
				}
			}));
			return chain.filter(exchange);
		}
		Variant variant = this.policy.variantOf(method, path, request.getHeaders());
		if (variant == null) {
			return chain.filter(exchange);
		}
		String key = this.policy.keyOf(variant, path.value(), request.getURI().getRawQuery());
		long now = System.nanoTime();
		CachedResponse stored = this.cache.get(key);
		if (stored != null && stored.freshAt(now)) {
			return replay(exchange, stored, now, Result.HIT);
		}
		if (method == HttpMethod.HEAD) {
			// Never fetched for storing (the body is not sent), but a failing service may
			// still be covered.
			return fetch(exchange, chain, variant, null, stored);
		}
		Fetch fetch = this.cache.startFetch(key);
		if (fetch != null) {
			this.results.get(Result.MISS).increment();
			return fetch(exchange, chain, variant, fetch, stored);
		}
		if (stored != null && stored.revalidatableAt(now)) {
			return replay(exchange, stored, now, Result.STALE);
		}
		Fetch other = this.cache.inFlight(key);
		if (other == null) {
			// It ended between the two looks: ask the service, without storing.
			this.results.get(Result.MISS).increment();
			return fetch(exchange, chain, variant, null, stored);
		}
		return other.result()
			.timeout(this.properties.coalesceTimeout(), Mono.empty())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(answer -> {
				if (answer.isPresent()) {
					return replay(exchange, answer.get(), System.nanoTime(), Result.COALESCED);
				}
				this.results.get(Result.MISS).increment();
				return fetch(exchange, chain, variant, null, stored);
			});
	}

	private boolean isInvalidatingWrite(HttpMethod method, PathContainer path) {
		if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
			return false;
		}
		for (PathPattern pattern : this.invalidatingWrites) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Lets the request through to the service, keeping a copy of a storable answer when
	 * it is the key's fetch; a failure of the service is answered with {@code stale}
	 * while that is young enough.
	 */
	private Mono<Void> fetch(ServerWebExchange exchange, WebFilterChain chain, Variant variant, Fetch fetch,
			CachedResponse stale) {
		Capture capture = new Capture(exchange, variant, fetch, stale);
		ServerWebExchange capturing = exchange.mutate().response(capture).build();
		if (fetch != null && isConditional(exchange.getRequest().getHeaders())) {
			// The key's fetch asks for the whole answer, so that it can be stored and
			// handed to the requests
			// waiting for it; this client's own condition is answered from it (Capture).
			capturing = capturing.mutate().request(request -> request.headers(headers -> {
				for (String name : EdgeCachePolicy.CONDITIONS) {
					headers.remove(name);
				}
			})).build();
		}
		String service = this.directRoutes.readService(exchange.getRequest().getPath().pathWithinApplication());
		Mono<Void> answer = (service != null) ? this.directProxy.forward(capturing, service) : chain.filter(capturing);
		return answer.onErrorResume(error -> {
			long now = System.nanoTime();
			if (stale != null && stale.usableOnErrorAt(now) && !exchange.getResponse().isCommitted()) {
				capture.end(stale);
				// Nothing of the failed attempt (its cookies, its error type) goes out
				// with the stored answer.
				exchange.getResponse().getHeaders().clear();
				return replay(exchange, stale, now, Result.STALE_ON_ERROR);
			}
			return Mono.error(error);
		}).doFinally(signal -> capture.end(null));
	}

	/**
	 * The stored answer with this request's id and its age; 304 when the ETag matches.
	 */
	private Mono<Void> replay(ServerWebExchange exchange, CachedResponse cached, long now, Result result) {
		this.results.get(result).increment();
		return write(exchange.getResponse(), exchange.getRequest(), cached, now);
	}

	private static Mono<Void> write(ServerHttpResponse response, ServerHttpRequest request, CachedResponse cached,
			long now) {
		HttpHeaders headers = response.getHeaders();
		cached.headers().forEach(headers::put);
		long ageSeconds = Math.max(0, (now - cached.storedAt()) / 1_000_000_000L);
		headers.set(HttpHeaders.AGE, Long.toString(ageSeconds));
		String etag = headers.getETag();
		if (etag != null && matches(request.getHeaders().getIfNoneMatch(), etag)) {
			response.setStatusCode(HttpStatus.NOT_MODIFIED);
			headers.remove(HttpHeaders.CONTENT_TYPE);
			// The length the 200 would have had (RFC 9110, 8.6): without one, a
			// keep-alive client's next request on
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

	private static boolean isConditional(HttpHeaders headers) {
		for (String name : EdgeCachePolicy.CONDITIONS) {
			if (headers.containsHeader(name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isServiceFailure(HttpStatusCode status) {
		return status != null && status.is5xxServerError() && status.value() != 501 && status.value() != 505;
	}

	/**
	 * Passes the service's answer through and keeps a copy of its body to store; replaces
	 * a failure with the stale answer when there is one young enough.
	 */
	private final class Capture extends ServerHttpResponseDecorator {

		private final ServerHttpRequest request;

		private final Variant variant;

		private final Fetch fetch;

		private final CachedResponse stale;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private boolean tooLarge;

		private boolean ended;

		Capture(ServerWebExchange exchange, Variant variant, Fetch fetch, CachedResponse stale) {
			super(exchange.getResponse());
			this.request = exchange.getRequest();
			this.variant = variant;
			this.fetch = fetch;
			this.stale = stale;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatusCode status = getStatusCode();
			if (staleInsteadOf(status)) {
				return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(this::writeStale));
			}
			if (this.fetch == null || status == null) {
				end(null);
				return super.writeWith(body);
			}
			if (status.value() == 200 && isConditional(this.request.getHeaders())
					&& conditionHolds(getHeaders().getETag())) {
				// The client asked with a matching ETag: it gets its 304, the whole
				// answer is stored for the others.
				return Flux.from(body).doOnNext(buffer -> {
					copy(buffer);
					DataBufferUtils.release(buffer);
				}).then(Mono.defer(() -> {
					store();
					getHeaders().remove(HttpHeaders.CONTENT_TYPE);
					getHeaders().setContentLength(this.body.size());
					getDelegate().setStatusCode(HttpStatus.NOT_MODIFIED);
					return getDelegate().setComplete();
				}));
			}
			// Stored (or, when it may not be, handed to the waiting requests only) once
			// the body is complete: the
			// headers were committed (security's included) with its first buffer, and the
			// client, not yet having the
			// end of this answer, finds it stored when it asks again.
			return super.writeWith(Flux.from(body).doOnNext(this::copy).doOnComplete(this::store));
		}

		private boolean conditionHolds(String etag) {
			return etag != null && matches(this.request.getHeaders().getIfNoneMatch(), etag);
		}

		@Override
		public Mono<Void> setComplete() {
			return staleInsteadOf(getStatusCode()) ? writeStale() : super.setComplete();
		}

		private boolean staleInsteadOf(HttpStatusCode status) {
			return isServiceFailure(status) && this.stale != null && this.stale.usableOnErrorAt(System.nanoTime());
		}

		private Mono<Void> writeStale() {
			// The failure's own headers (problem+json, Retry-After) make way for the
			// stored answer's.
			getDelegate().getHeaders().clear();
			end(this.stale);
			EdgeCacheWebFilter.this.results.get(Result.STALE_ON_ERROR).increment();
			return write(getDelegate(), this.request, this.stale, System.nanoTime());
		}

		private void copy(DataBuffer buffer) {
			long limit = EdgeCacheWebFilter.this.properties.maxEntryBytes().toBytes();
			if (this.tooLarge || this.body.size() + buffer.readableByteCount() > limit) {
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
			EdgeCachePolicy policy = EdgeCacheWebFilter.this.policy;
			Duration fresh = (this.tooLarge || status == null) ? Duration.ZERO
					: policy.freshFor(this.variant, status.value(), written);
			long now = System.nanoTime();
			if (fresh.isZero() || fresh.isNegative()) {
				// Not storable (an error, a 404, a private answer), but the requests
				// waiting for this one get it too
				// rather than all asking the service at once.
				end((this.tooLarge || status == null) ? null : new CachedResponse(status.value(), kept(written, true),
						this.body.toByteArray(), now, now, now, now));
				return;
			}
			long freshUntil = now + fresh.toNanos();
			EdgeCacheProperties properties = EdgeCacheWebFilter.this.properties;
			boolean stale = policy.allowsStale(written);
			long revalidateUntil = stale ? freshUntil + properties.staleWhileRevalidate().toNanos() : freshUntil;
			long errorUntil = stale ? Math.max(revalidateUntil, freshUntil + properties.staleIfError().toNanos())
					: freshUntil;
			CachedResponse response = new CachedResponse(status.value(), kept(written, false), this.body.toByteArray(),
					now, freshUntil, revalidateUntil, errorUntil);
			this.ended = true;
			this.fetch.store(response);
		}

		/**
		 * The answer's headers without the exchange's own; a stored answer also without
		 * its {@code Retry-After}.
		 */
		private HttpHeaders kept(HttpHeaders written, boolean handedOnly) {
			HttpHeaders kept = new HttpHeaders();
			written.forEach((name, values) -> {
				if (!PER_EXCHANGE.contains(name) || (handedOnly && name.equalsIgnoreCase(HttpHeaders.RETRY_AFTER))) {
					kept.put(name, List.copyOf(values));
				}
			});
			return HttpHeaders.readOnlyHttpHeaders(kept);
		}

		/**
		 * Ends this request's fetch, once: its waiters get {@code answer}, or ask the
		 * service themselves.
		 */
		void end(CachedResponse answer) {
			if (!this.ended) {
				this.ended = true;
				if (this.fetch != null) {
					this.fetch.finish(answer);
				}
			}
		}

	}

}
