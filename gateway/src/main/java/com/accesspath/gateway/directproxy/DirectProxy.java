package com.accesspath.gateway.directproxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;
import com.accesspath.gateway.clientaddress.ClientAddressResolver;
import com.accesspath.gateway.clientaddress.ClientAddressResolver.ClientAddress;
import com.accesspath.gateway.config.GatewayProperties;
import com.accesspath.gateway.problem.ServiceErrors;
import com.accesspath.gateway.resilience.FallbackController;
import com.accesspath.gateway.retry.ConnectFailureRetryFilter;
import com.accesspath.gateway.retry.RetryBudget;
import com.accesspath.gateway.web.RequestIdWebFilter;

/**
 * The fast lane for the platform's busiest anonymous calls (public reads the edge cache did not answer, views): the
 * request goes straight to its service over a pooled Reactor Netty client, with what the route machinery would have
 * given it, and none of its per-request cost (route lookup, gateway filter chain, Spring Security's reactive chain
 * for a request that carries no credentials). Profiles of the proxied miss showed that cost flat over dozens of
 * operators and header copies, several times what serving the article costs article-service (README, "Benchmarks").
 * <p>
 * What a request keeps: the client address the gateway decided on (and nothing the client claimed about it), the
 * request id and trace context, the service's circuit breaker and its time limiter (503 problem+json with
 * {@code Retry-After} when it is open or the call fails), one retry within the route's budget when the connection
 * could not be made, the headers Spring Security and CORS add to every answer, and problem+json in place of a web
 * server's HTML error page.
 */
@Component
public class DirectProxy {

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

	/** Request headers that describe one hop, or the client's claims about forwarding: never passed on. */
	private static final List<AsciiString> NOT_FORWARDED = names("host", "connection", "keep-alive", "te",
			"trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy-connection", "forwarded",
			"x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix",
			"x-real-ip", "x-request-id");

	/** Response headers of the hop, or that name the service's software: never passed back. */
	private static final List<AsciiString> NOT_RETURNED = names("connection", "keep-alive", "transfer-encoding",
			"te", "trailer", "upgrade", "server", "x-powered-by", "x-application-context", "x-request-id", "content-length");

	/** The headers Spring Security writes on every answer of the gateway (its defaults, plain HTTP). */
	private static final List<Map.Entry<AsciiString, String>> SECURITY_HEADERS = List.of(
			Map.entry(AsciiString.of("X-Content-Type-Options"), "nosniff"), Map.entry(AsciiString.of("X-Frame-Options"), "DENY"),
			Map.entry(AsciiString.of("X-XSS-Protection"), "0"), Map.entry(AsciiString.of("Referrer-Policy"), "no-referrer"));

	/** CORS's {@code Vary} on every {@code /api/**} answer, so that shared caches keep cross-origin answers apart. */
	private static final List<String> CORS_VARY = List.of("Origin", "Access-Control-Request-Method",
			"Access-Control-Request-Headers");

	private static List<AsciiString> names(String... names) {
		return Stream.of(names).map(AsciiString::cached).toList();
	}

	private final Map<String, Backend> backends = new ConcurrentHashMap<>();

	private final GatewayProperties properties;

	private final ClientAddressResolver clients;

	private final ReactiveCircuitBreakerFactory<?, ?> breakers;

	private final HttpClient client;

	private record Backend(String name, String baseUrl, ReactiveCircuitBreaker breaker,
			RetryBudget retries) {
	}

	private record Answer(int status, io.netty.handler.codec.http.HttpHeaders headers, ByteBuf body) {
	}

	DirectProxy(GatewayProperties properties, ClientAddressResolver clients, ReactiveCircuitBreakerFactory<?, ?> breakers) {
		this.properties = properties;
		this.clients = clients;
		this.breakers = breakers;
		ConnectionProvider pool = ConnectionProvider.builder("direct-proxy")
			.maxConnections(500)
			.pendingAcquireTimeout(Duration.ofSeconds(2))
			// Close idle connections before the services (Tomcat: 20 s) do, so none is reused as it closes.
			.maxIdleTime(Duration.ofSeconds(15))
			.maxLifeTime(Duration.ofMinutes(5))
			.build();
		this.client = HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
	}

	/** Sends the request to the named service and writes its answer to the exchange's response. */
	public Mono<Void> forward(ServerWebExchange exchange, String service) {
		Backend backend = this.backends.computeIfAbsent(service, this::backend);
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpResponse response = exchange.getResponse();
		HttpMethod method = request.getMethod();
		boolean withBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
		ClientAddress client = this.clients.resolve(exchange);
		String requestId = RequestIdWebFilter.of(exchange);
		String rawQuery = request.getURI().getRawQuery();
		String uri = backend.baseUrl() + request.getPath().value() + ((rawQuery != null) ? "?" + rawQuery : "");
		HttpServerRequest nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		backend.retries().deposit();
		Mono<Answer> call = Mono.defer(() -> this.client.headers(headers -> {
			// Netty's own headers, copied and trimmed without a String per name (the most frequent work of a call).
			headers.set(nativeRequest.requestHeaders());
			for (AsciiString name : NOT_FORWARDED) {
				headers.remove(name);
			}
			headers.set(RequestIdWebFilter.HEADER, requestId);
			headers.set(X_FORWARDED_FOR, client.address());
			headers.set(X_FORWARDED_PROTO, client.proto());
			if (client.host() != null) {
				headers.set(X_FORWARDED_HOST, client.host());
			}
		})
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri(uri)
			.send(withBody ? ByteBufFlux.fromInbound(request.getBody().map(DirectProxy::byteBuf)) : ByteBufFlux.empty())
			.responseSingle((answer, content) -> content.retain()
				.defaultIfEmpty(Unpooled.EMPTY_BUFFER)
				.map(body -> new Answer(answer.status().code(), answer.responseHeaders(), body))))
			.retryWhen(Retry.max(1)
				.filter(error -> !withBody && ConnectFailureRetryFilter.isConnectFailure(error) && backend.retries().tryWithdraw())
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
			.doOnDiscard(Answer.class, answer -> ReferenceCountUtil.release(answer.body()));
		return backend.breaker()
			.run(call, error -> Mono.error(new Unavailable(error)))
			.flatMap(answer -> write(response, request, answer))
			.onErrorResume(Unavailable.class, error -> unavailable(exchange, backend));
	}

	private Backend backend(String name) {
		GatewayProperties.Backend settings = this.properties.backend(name);
		String base = settings.url().toString();
		GatewayProperties.RetryBudgetSettings retry = this.properties.retry();
		return new Backend(name, base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
				this.breakers.create(name), new RetryBudget(retry.ratio(), retry.reserve()));
	}

	private static Mono<Void> write(ServerHttpResponse response, ServerHttpRequest request, Answer answer) {
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		io.netty.handler.codec.http.HttpHeaders returned = answer.headers();
		for (AsciiString name : NOT_RETURNED) {
			returned.remove(name);
		}
		for (Map.Entry<AsciiString, String> header : SECURITY_HEADERS) {
			if (!returned.contains(header.getKey())) {
				returned.set(header.getKey(), header.getValue());
			}
		}
		if (!returned.contains(HttpHeaderNames.CACHE_CONTROL)) {
			returned.set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
			returned.set(HttpHeaderNames.PRAGMA, "no-cache");
			returned.set(HttpHeaderNames.EXPIRES, "0");
		}
		if (!returned.contains(HttpHeaderNames.VARY)) {
			returned.set(HttpHeaderNames.VARY, CORS_VARY);
		}
		HttpHeaders headers = response.getHeaders();
		for (Map.Entry<String, String> header : returned) {
			headers.add(header.getKey(), header.getValue());
		}
		HttpStatus replaced = ServiceErrors.replaceable(response.getStatusCode(), headers);
		if (replaced != null) {
			answer.body().release();
			return ServiceErrors.writeProblem(response, replaced, request.getPath().value());
		}
		headers.setContentLength(answer.body().readableBytes());
		NettyDataBufferFactory factory = (NettyDataBufferFactory) response.bufferFactory();
		return response.writeWith(Mono.just(factory.wrap(answer.body())));
	}

	private static Mono<Void> unavailable(ServerWebExchange exchange, Backend backend) {
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, FallbackController.retryAfterSeconds());
		return ReactiveSecurityAutoConfiguration.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				FallbackController.unavailableDetail(backend.name()));
	}

	private static ByteBuf byteBuf(DataBuffer buffer) {
		if (buffer instanceof NettyDataBuffer netty) {
			return netty.getNativeBuffer();
		}
		return Unpooled.wrappedBuffer(buffer.toByteBuffer());
	}

	/** The call failed, timed out or the breaker refused it. */
	private static final class Unavailable extends RuntimeException {

		Unavailable(Throwable cause) {
			super(cause.toString(), cause, false, false);
		}

	}

}
