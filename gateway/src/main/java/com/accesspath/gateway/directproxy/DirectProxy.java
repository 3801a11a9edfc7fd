package com.accesspath.gateway.directproxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.boot.problem.ProblemJson;
import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;
import com.accesspath.gateway.clientaddress.ClientAddressResolver;
import com.accesspath.gateway.clientaddress.ClientAddressResolver.ClientAddress;
import com.accesspath.gateway.config.GatewayProperties;
import com.accesspath.gateway.edgecache.EdgeCachePolicy;
import com.accesspath.gateway.problem.ServiceErrors;
import com.accesspath.gateway.resilience.BackendUnavailable;
import com.accesspath.gateway.retry.RetryBudgets;
import com.accesspath.gateway.web.RequestIdWebFilter;

/**
 * The fast lane for the platform's busiest anonymous calls (public reads the edge cache
 * did not answer, views): the request goes straight to its service over a pooled Reactor
 * Netty client, with what the route machinery would have given it, and none of its
 * per-request cost (route lookup, gateway filter chain, Spring Security's reactive chain
 * for a request that carries no credentials). Profiles of the proxied miss showed that
 * cost flat over dozens of operators and header copies, several times what serving the
 * article costs article-service (README, "Benchmarks").
 * <p>
 * What a request keeps: the client address the gateway decided on (and nothing the client
 * claimed about it), the request id, the trace context (the gateway's span as the
 * parent), the service's circuit breaker and its time limiter (503 problem+json with
 * {@code Retry-After} when it is open or the call fails), one retry out of the service's
 * budget when the connection could not be made, the headers Spring Security and CORS add
 * to every answer, and problem+json in place of a web server's HTML error page on the
 * API's paths (the site's pages keep theirs). A body error of the client's own (over the
 * size limit) is its 4xx, not a failure of the service.
 */
@Component
public class DirectProxy {

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

	/**
	 * Request headers that describe one hop, the client's claims about forwarding, or a
	 * body: never passed on as they came (a body's framing is the client's own, written
	 * anew for the call).
	 */
	private static final List<AsciiString> NOT_FORWARDED = names("host", "connection", "keep-alive", "te", "trailer",
			"transfer-encoding", "content-length", "expect", "upgrade", "proxy-authorization", "proxy-connection",
			"forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
			"x-forwarded-prefix", "x-real-ip", "x-request-id");

	/**
	 * Response headers of the hop, or that name the service's software: never passed
	 * back.
	 */
	private static final List<AsciiString> NOT_RETURNED = names("connection", "keep-alive", "transfer-encoding", "te",
			"trailer", "upgrade", "server", "x-powered-by", "x-application-context", "x-request-id", "content-length");

	/**
	 * The headers Spring Security writes on every answer of the gateway (its defaults,
	 * plain HTTP).
	 */
	private static final List<Map.Entry<String, String>> SECURITY_HEADERS = List.of(
			Map.entry("X-Content-Type-Options", "nosniff"), Map.entry("X-Frame-Options", "DENY"),
			Map.entry("X-XSS-Protection", "0"), Map.entry("Referrer-Policy", "no-referrer"));

	/**
	 * CORS's {@code Vary} on every {@code /api/**} answer, so that shared caches keep
	 * cross-origin answers apart.
	 */
	private static final List<String> CORS_VARY = List.of("Origin", "Access-Control-Request-Method",
			"Access-Control-Request-Headers");

	private static List<AsciiString> names(String... names) {
		return Stream.of(names).map(AsciiString::cached).toList();
	}

	private final Map<String, Backend> backends = new ConcurrentHashMap<>();

	private final GatewayProperties properties;

	private final ClientAddressResolver clients;

	private final ReactiveCircuitBreakerFactory<?, ?> breakers;

	private final RetryBudgets retryBudgets;

	private final ObjectProvider<Propagator> propagator;

	private final BackendUnavailable unavailable;

	private final HttpClient client;

	private record Backend(String name, String baseUrl, ReactiveCircuitBreaker breaker) {
	}

	private record Answer(int status, io.netty.handler.codec.http.HttpHeaders headers, ByteBuf body) {
	}

	DirectProxy(GatewayProperties properties, ClientAddressResolver clients,
			ReactiveCircuitBreakerFactory<?, ?> breakers, RetryBudgets retryBudgets,
			ObjectProvider<Propagator> propagator, BackendUnavailable unavailable) {
		this.unavailable = unavailable;
		this.properties = properties;
		this.clients = clients;
		this.breakers = breakers;
		this.retryBudgets = retryBudgets;
		this.propagator = propagator;
		ConnectionProvider pool = ConnectionProvider.builder("direct-proxy")
			.maxConnections(500)
			.pendingAcquireTimeout(Duration.ofSeconds(2))
			// Close idle connections before the services (Tomcat: 20 s) do, so none is
			// reused as it closes.
			.maxIdleTime(Duration.ofSeconds(15))
			.maxLifeTime(Duration.ofMinutes(5))
			.build();
		this.client = HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
	}

	/**
	 * Sends the request to the named service and writes its answer to the exchange's
	 * response.
	 */
	public Mono<Void> forward(ServerWebExchange exchange, String service) {
		Backend backend = this.backends.computeIfAbsent(service, this::backend);
		ServerHttpRequest request = exchange.getRequest();
		HttpMethod method = request.getMethod();
		boolean withBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
		ClientAddress client = this.clients.resolve(exchange);
		String requestId = RequestIdWebFilter.of(exchange);
		Span span = currentSpan(exchange);
		Propagator tracing = (span != null) ? this.propagator.getIfAvailable() : null;
		String rawQuery = request.getURI().getRawQuery();
		String uri = backend.baseUrl() + request.getPath().value() + ((rawQuery != null) ? "?" + rawQuery : "");
		HttpServerRequest nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		String retryTarget = "direct-" + backend.name();
		this.retryBudgets.of(backend.name()).deposit();
		Mono<Answer> call = Mono.defer(() -> this.client.headers(headers -> {
			// Netty's own headers, copied and trimmed without a String per name (the most
			// frequent work of a call).
			headers.set(nativeRequest.requestHeaders());
			for (AsciiString name : NOT_FORWARDED) {
				headers.remove(name);
			}
			// The edge cache's fetch of a key drops the client's conditions from the
			// exchange's request.
			for (String name : EdgeCachePolicy.CONDITIONS) {
				if (!request.getHeaders().containsHeader(name)) {
					headers.remove(name);
				}
			}
			headers.set(RequestIdWebFilter.HEADER, requestId);
			headers.set(X_FORWARDED_FOR, client.address());
			headers.set(X_FORWARDED_PROTO, client.proto());
			if (client.host() != null) {
				headers.set(X_FORWARDED_HOST, client.host());
			}
			if (tracing != null) {
				tracing.inject(span.context(), headers, (carrier, name, value) -> carrier.set(name, value));
			}
		})
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri(uri)
			.send(withBody ? ByteBufFlux.fromInbound(request.getBody().map(DirectProxy::byteBuf)) : ByteBufFlux.empty())
			.responseSingle((answer, content) -> content.retain()
				.defaultIfEmpty(Unpooled.EMPTY_BUFFER)
				.map(body -> new Answer(answer.status().code(), answer.responseHeaders(), body))))
			.retryWhen(this.retryBudgets.connectFailureRetry(backend.name(), retryTarget, () -> !withBody, () -> {
			}))
			// The client's own body error (over the size limit, 413) is its answer, and
			// no failure of the service.
			.onErrorResume(ResponseStatusException.class, error -> error.getStatusCode().is4xxClientError()
					? Mono.just(problem(error, request)) : Mono.error(error));
		return backend.breaker()
			.run(call, error -> Mono.error(new Unavailable(error)))
			.flatMap(answer -> write(exchange.getResponse(), method, answer, request.getPath().value()))
			.onErrorResume(Unavailable.class, error -> unavailable(exchange, backend))
			// Last, so that an answer dropped by any operator above (the time limiter, a
			// cancel) is released.
			.doOnDiscard(Answer.class, answer -> ReferenceCountUtil.release(answer.body()));
	}

	private Backend backend(String name) {
		String base = this.properties.backend(name).url().toString();
		return new Backend(name, base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
				this.breakers.create(name));
	}

	/**
	 * The gateway's span of this request (the server observation's), or null when tracing
	 * is off.
	 */
	private static Span currentSpan(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map(context -> (TracingContext) context.get(TracingContext.class))
			.map(tracing -> tracing.getSpan())
			.orElse(null);
	}

	private static Answer problem(ResponseStatusException error, ServerHttpRequest request) {
		HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
		byte[] body = ProblemJson.bytes(status,
				(error.getReason() != null) ? error.getReason() : status.getReasonPhrase(), request.getPath().value());
		io.netty.handler.codec.http.HttpHeaders headers = new DefaultHttpHeaders();
		headers.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
		return new Answer(status.value(), headers, Unpooled.wrappedBuffer(body));
	}

	private static Mono<Void> write(ServerHttpResponse response, HttpMethod method, Answer answer, String path) {
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		io.netty.handler.codec.http.HttpHeaders returned = answer.headers();
		// A HEAD's or a 304's length is the one the body would have had; a 204 or 1xx has
		// none (RFC 9110, 8.6).
		String declaredLength = returned.get(HttpHeaderNames.CONTENT_LENGTH);
		for (AsciiString name : NOT_RETURNED) {
			returned.remove(name);
		}
		HttpHeaders headers = response.getHeaders();
		for (String name : returned.names()) {
			headers.put(name, returned.getAll(name));
		}
		addEdgeHeaders(headers);
		boolean api = path.startsWith("/api/");
		if (!headers.containsHeader(HttpHeaders.VARY) && api) {
			headers.put(HttpHeaders.VARY, CORS_VARY);
		}
		// The API's errors are problem+json whoever wrote them; the site's error pages
		// (its 404, 400, 503) are for people and pass as written, like on its route.
		HttpStatus replaced = api ? ServiceErrors.replaceable(response.getStatusCode(), headers) : null;
		if (replaced != null) {
			answer.body().release();
			return ServiceErrors.writeProblem(response, replaced, path);
		}
		if (method == HttpMethod.HEAD || answer.status() == 304) {
			if (declaredLength != null) {
				headers.set(HttpHeaders.CONTENT_LENGTH, declaredLength);
			}
		}
		else if (answer.status() != 204 && answer.status() >= 200) {
			headers.setContentLength(answer.body().readableBytes());
		}
		NettyDataBufferFactory factory = (NettyDataBufferFactory) response.bufferFactory();
		return response.writeWith(Mono.just(factory.wrap(answer.body())));
	}

	/**
	 * Spring Security's default headers, and its {@code Cache-Control} when the answer
	 * has none: what every answer of the gateway carries, whichever path wrote it.
	 */
	public static void addEdgeHeaders(HttpHeaders headers) {
		for (Map.Entry<String, String> header : SECURITY_HEADERS) {
			if (!headers.containsHeader(header.getKey())) {
				headers.set(header.getKey(), header.getValue());
			}
		}
		if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
			headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
			headers.set(HttpHeaders.PRAGMA, "no-cache");
			headers.set(HttpHeaders.EXPIRES, "0");
		}
	}

	private Mono<Void> unavailable(ServerWebExchange exchange, Backend backend) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, this.unavailable.retryAfterSeconds());
		addEdgeHeaders(headers);
		return ReactiveSecurityAutoConfiguration.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				this.unavailable.detail(backend.name()));
	}

	private static ByteBuf byteBuf(DataBuffer buffer) {
		if (buffer instanceof NettyDataBuffer netty) {
			return netty.getNativeBuffer();
		}
		ByteBuf copy = Unpooled.copiedBuffer(buffer.toByteBuffer());
		DataBufferUtils.release(buffer);
		return copy;
	}

	/** The call failed, timed out or the breaker refused it. */
	private static final class Unavailable extends RuntimeException {

		Unavailable(Throwable cause) {
			super(cause.toString(), cause, false, false);
		}

	}

}
