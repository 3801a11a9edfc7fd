package com.accesspath.gateway;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.accesspath.devstack.test.RealDatabases;
import com.accesspath.gateway.edgecache.EdgeCache;

/**
 * What the gateway's integration tests share: one gateway (one Spring context, cached
 * across the test classes that extend this), local HTTP stubs of the four services (kept
 * for the whole run, like the context), a real Redis for the limiter and the cache
 * invalidation, and a reset of all of it before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealDatabases
abstract class GatewayTestSupport {

	static final StubBackend article = new StubBackend();

	static final StubBackend ranking = new StubBackend();

	static final StubBackend leads = new StubBackend();

	static final StubBackend newsletter = new StubBackend();

	static final StubBackend site = new StubBackend();

	static final String ARTICLE = """
			{"id":"6b08db539bd873ae116c8e13","slug":"openai-nato","title":"OpenAI 与北约","tags":["OpenAI"]}""";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("ARTICLE_SERVICE_URL", article::url);
		registry.add("RANKING_SERVICE_URL", ranking::url);
		registry.add("LEADS_SERVICE_URL", leads::url);
		registry.add("NEWSLETTER_SERVICE_URL", newsletter::url);
		registry.add("SITE_SERVICE_URL", site::url);
		registry.add("accesspath.gateway.backends.ranking-service.timeout", () -> "500ms");
		registry.add("accesspath.gateway.backends.newsletter-service.timeout", () -> "500ms");
		// Three at once, then one every 50 s: no refill can sneak in while a slow machine
		// sends the fourth.
		registry.add("accesspath.gateway.limits.strict.burst-capacity", () -> "150");
		registry.add("accesspath.gateway.limits.strict.requested-tokens", () -> "50");
		// Views: five at once, then one a second.
		registry.add("accesspath.gateway.limits.views.burst-capacity", () -> "5");
		registry.add("accesspath.gateway.limits.views.replenish-rate", () -> "1");
		registry.add("accesspath.gateway.cors-allowed-origins", () -> "https://www.accesspath.cn");
		// Short, so that expiry is seen without long waits.
		registry.add("accesspath.gateway.edge-cache.ttl", () -> "500ms");
		registry.add("accesspath.gateway.api-docs.refresh", () -> "200ms");
	}

	@LocalServerPort
	int port;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	EdgeCache edgeCache;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationContext context;

	@Autowired
	ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeEach
	void reset() {
		article.reset();
		ranking.reset();
		leads.reset();
		newsletter.reset();
		site.reset();
		this.edgeCache.clear();
		this.redis.execute(connection -> connection.serverCommands().flushAll()).blockLast();
		// Each test starts with closed breakers: what one test's failures opened must not
		// decide another's.
		this.circuitBreakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	HttpRequest.Builder post(String path, String json) {
		return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
	}

	/**
	 * A raw HTTP/1.1 exchange, for requests an HTTP client refuses to send; returns
	 * everything answered.
	 */
	String raw(String request) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
