package com.accesspath.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.RealDatabases;
import com.accesspath.gateway.edgecache.EdgeCacheStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway under load and faults, against local HTTP stubs of the services and a real Redis for the limiter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealDatabases
class GatewayBehaviourIntegrationTests {

	static final StubBackend article = new StubBackend();

	static final StubBackend ranking = new StubBackend();

	static final StubBackend leads = new StubBackend();

	static final StubBackend newsletter = new StubBackend();

	static final String ARTICLE = """
			{"id":"6b08db539bd873ae116c8e13","slug":"openai-nato","title":"OpenAI 与北约","tags":["OpenAI"]}""";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("ARTICLE_SERVICE_URL", article::url);
		registry.add("RANKING_SERVICE_URL", ranking::url);
		registry.add("LEADS_SERVICE_URL", leads::url);
		registry.add("NEWSLETTER_SERVICE_URL", newsletter::url);
		registry.add("accesspath.gateway.backends.ranking-service.timeout", () -> "500ms");
		registry.add("accesspath.gateway.backends.newsletter-service.timeout", () -> "500ms");
		// Three at once, then one every 50 s: no refill can sneak in while a slow machine sends the fourth.
		registry.add("accesspath.gateway.limits.strict.burst-capacity", () -> "150");
		registry.add("accesspath.gateway.limits.strict.requested-tokens", () -> "50");
		registry.add("accesspath.gateway.cors-allowed-origins", () -> "https://www.accesspath.cn");
		// Short, so that expiry is seen without long waits.
		registry.add("accesspath.gateway.edge-cache.ttl", () -> "500ms");
	}

	@AfterAll
	static void stopStubs() {
		article.close();
		ranking.close();
		leads.close();
		newsletter.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	EdgeCacheStore edgeCache;

	@Autowired
	MeterRegistry meters;

	@Autowired
	org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeEach
	void reset() {
		article.reset();
		ranking.reset();
		leads.reset();
		newsletter.reset();
		this.edgeCache.clear();
		this.redis.execute(connection -> connection.serverCommands().flushAll()).blockLast();
		// Each test starts with closed breakers: what one test's failures opened must not decide another's.
		this.circuitBreakers.getCircuitBreakerRegistry()
			.getAllCircuitBreakers()
			.forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
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

	@Nested
	class Observability {

		@Test
		void requestIdAndTraceparentReachTheBackend() throws Exception {
			article.answer("GET /api/tags", 200, "[]");
			String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
			HttpResponse<String> response = send(request("/api/tags").header("X-Request-Id", "req-123")
				.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().allValues("X-Request-Id")).containsExactly("req-123");
			assertThat(article.lastHeaders("GET /api/tags").getFirst("X-Request-Id")).isEqualTo("req-123");
			assertThat(article.lastHeaders("GET /api/tags").getFirst("traceparent")).contains(traceId);
			assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
		}

		@Test
		void aRequestWithoutIdGetsOneThatBackendAndClientShare() throws Exception {
			article.answer("GET /api/tags", 200, "[]");
			HttpResponse<String> response = send(request("/api/tags").header("X-Request-Id", "bad id with spaces"));
			String id = response.headers().firstValue("X-Request-Id").orElseThrow();
			assertThat(id).matches("[0-9a-f-]{36}");
			assertThat(article.lastHeaders("GET /api/tags").getFirst("X-Request-Id")).isEqualTo(id);
		}

	}

	@Nested
	class Limits {

		@Test
		void corsPreflightForConfiguredOriginsOnly() throws Exception {
			HttpResponse<String> allowed = send(request("/api/articles").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://www.accesspath.cn")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "content-type,x-visitor-id"));
			assertThat(allowed.statusCode()).isEqualTo(200);
			assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.accesspath.cn");
			HttpResponse<String> refused = send(request("/api/articles").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "POST"));
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(article.calls("OPTIONS /api/articles")).isZero();
		}

		@Test
		void bodiesOverTheLimitAre413AndNeverReachTheService() throws Exception {
			HttpResponse<String> response = send(post("/api/views", "{\"articleId\":\"" + "x".repeat(70 * 1024) + "\"}"));
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
			assertThat(ranking.calls("POST /api/views")).isZero();
		}

		@Test
		void strictLimitAnswers429WithRetryAfter() throws Exception {
			leads.answer("POST /api/contact", 201, "{\"id\":\"x\"}");
			for (int i = 0; i < 3; i++) {
				assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(201);
			}
			HttpResponse<String> limited = send(post("/api/contact", "{}"));
			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).hasValue("50");
			assertThat(JsonPath.<Integer>read(limited.body(), "$.status")).isEqualTo(429);
			assertThat(leads.calls("POST /api/contact")).isEqualTo(3);
			// Reads are never limited.
			leads.answer("GET /api/diagnosis/stats", 200, "{\"completed\":1}");
			assertThat(send(request("/api/diagnosis/stats")).statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class Resilience {

		@Test
		void getsAreRetriedPostsAreNot() throws Exception {
			article.answer("GET /api/tags", 503, "{}");
			leads.answer("POST /api/contact", 503, "{}");
			assertThat(send(request("/api/tags")).statusCode()).isEqualTo(503);
			assertThat(article.calls("GET /api/tags")).isEqualTo(3);
			assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(503);
			assertThat(leads.calls("POST /api/contact")).isEqualTo(1);
		}

		@Test
		void hungBackendIs503WithinTheTimeLimitThenAtOnceWithTheBreakerOpen() throws Exception {
			newsletter.hang("GET /api/subscriptions/preferences");
			long started = System.nanoTime();
			HttpResponse<String> first = send(request("/api/subscriptions/preferences?token=t"));
			Duration firstTook = Duration.ofNanos(System.nanoTime() - started);
			assertThat(first.statusCode()).isEqualTo(503);
			assertThat(first.headers().firstValue("Retry-After")).isPresent();
			assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
			assertThat(firstTook).isLessThan(Duration.ofMillis(2500));
			Duration fastest = firstTook;
			for (int i = 0; i < 14; i++) {
				long start = System.nanoTime();
				assertThat(send(request("/api/subscriptions/preferences?token=t")).statusCode()).isEqualTo(503);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				fastest = (took.compareTo(fastest) < 0) ? took : fastest;
			}
			// Once open, the breaker answers without waiting for the backend's time limit (500 ms).
			assertThat(fastest).isLessThan(Duration.ofMillis(200));
		}

	}

	@Nested
	class Pages {

		@Test
		void articlePageDegradesWhenRankingIsDown() throws Exception {
			article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
			article.answer("GET /api/articles/openai-nato/related", 200, "[{\"id\":\"r1\"}]");
			ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 500, "{}");
			ranking.answer("GET /api/rankings/hot", 500, "{}");
			HttpResponse<String> response = send(request("/api/pages/article/openai-nato"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(response.body(), "$.article.title")).isEqualTo("OpenAI 与北约");
			assertThat(JsonPath.<Object>read(response.body(), "$.views")).isNull();
			assertThat(JsonPath.<java.util.List<?>>read(response.body(), "$.hot")).isEmpty();
			assertThat(JsonPath.<String>read(response.body(), "$.related[0].id")).isEqualTo("r1");
		}

		@Test
		void articlePageHasEverythingWhenAllAreUp() throws Exception {
			article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
			article.answer("GET /api/articles/openai-nato/related", 200, "[]");
			ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 200, "{\"articleId\":\"x\",\"views\":42}");
			ranking.answer("GET /api/rankings/hot", 200, "{\"items\":[{\"rank\":1}]}");
			HttpResponse<String> response = send(request("/api/pages/article/openai-nato"));
			assertThat(JsonPath.<Integer>read(response.body(), "$.views")).isEqualTo(42);
			assertThat(JsonPath.<Integer>read(response.body(), "$.hot[0].rank")).isEqualTo(1);
		}

		@Test
		void missingArticleIsA404() throws Exception {
			HttpResponse<String> response = send(request("/api/pages/article/nope"));
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		}

		@Test
		void homePageDegradesPartByPart() throws Exception {
			article.answer("GET /api/articles", 200, "{\"items\":[{\"id\":\"a\"}],\"nextCursor\":null}");
			ranking.answer("GET /api/rankings/hot", 500, "{}");
			ranking.answer("GET /api/rankings/tags", 200, "[{\"tag\":\"RAG\",\"score\":3}]");
			leads.answer("GET /api/diagnosis/stats", 500, "{}");
			HttpResponse<String> response = send(request("/api/pages/home"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<java.util.Map<String, Object>>read(response.body(), "$.latest"))
				.containsOnlyKeys("flash", "product", "tech", "business", "policy", "startup");
			assertThat(JsonPath.<String>read(response.body(), "$.latest.policy[0].id")).isEqualTo("a");
			assertThat(JsonPath.<java.util.List<?>>read(response.body(), "$.hot")).isEmpty();
			assertThat(JsonPath.<String>read(response.body(), "$.hotTags[0].tag")).isEqualTo("RAG");
			assertThat(JsonPath.<Object>read(response.body(), "$.diagnosisCompleted")).isNull();
			leads.answer("GET /api/diagnosis/stats", 200, "{\"completed\":7}");
			// The page is public for 5 s, so the edge cache may answer it until its TTL (500 ms here) is over.
			await().atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(JsonPath.<Integer>read(send(request("/api/pages/home")).body(),
						"$.diagnosisCompleted")).isEqualTo(7));
		}

	}

	@Nested
	class EdgeCache {

		static final Map<String, String> PUBLIC = Map.of("Cache-Control", "max-age=5, public", "ETag", "\"v1\"");

		static final String READ = "GET /api/articles/openai-nato";

		/** A first read, and the wait until its answer is stored (that happens just after the client has it). */
		HttpResponse<String> fill(String path) throws Exception {
			int before = GatewayBehaviourIntegrationTests.this.edgeCache.size();
			HttpResponse<String> response = send(request(path));
			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> GatewayBehaviourIntegrationTests.this.edgeCache.size() > before);
			return response;
		}

		double hits() {
			return GatewayBehaviourIntegrationTests.this.meters.counter("gateway.edge.cache.requests", "result", "hit").count();
		}

		@Test
		void anonymousRepeatReadsReachTheServiceOncePerTtlEachWithItsOwnRequestId() throws Exception {
			article.answer(READ, 200, ARTICLE, PUBLIC);
			double hitsBefore = hits();
			HttpResponse<String> first = fill("/api/articles/openai-nato");
			HttpResponse<String> second = send(request("/api/articles/openai-nato"));
			assertThat(article.calls(READ)).isEqualTo(1);
			assertThat(hits()).isEqualTo(hitsBefore + 1);
			for (HttpResponse<String> response : List.of(first, second)) {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo(ARTICLE);
				assertThat(response.headers().firstValue("ETag")).hasValue("\"v1\"");
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
				// The security chain's headers were written on the miss and are replayed on the hit.
				assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
				assertThat(response.headers().firstValue("X-Frame-Options")).isPresent();
				assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
				assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
			}
			assertThat(first.headers().firstValue("X-Request-Id")).isNotEqualTo(second.headers().firstValue("X-Request-Id"));
			assertThat(second.headers().firstValue("Age")).hasValue("0");
			assertThat(second.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value)
				.matches("max-age=0, public"));
			// After the TTL the service is asked again.
			await().atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> {
					assertThat(send(request("/api/articles/openai-nato")).statusCode()).isEqualTo(200);
					assertThat(article.calls(READ)).isEqualTo(2);
				});
		}

		@Test
		void headAndListReadsAreServedFromTheCacheByPathAndQuery() throws Exception {
			article.answer("GET /api/articles", 200, "{\"items\":[]}", PUBLIC);
			assertThat(fill("/api/articles?category=policy&limit=6").statusCode()).isEqualTo(200);
			assertThat(send(request("/api/articles?category=policy&limit=6")).body()).isEqualTo("{\"items\":[]}");
			assertThat(article.calls("GET /api/articles")).isEqualTo(1);
			assertThat(fill("/api/articles?category=tech&limit=6").statusCode()).isEqualTo(200);
			assertThat(article.calls("GET /api/articles")).isEqualTo(2);
			HttpResponse<String> head = send(request("/api/articles?category=tech&limit=6").method("HEAD",
					HttpRequest.BodyPublishers.noBody()));
			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.headers().firstValue("ETag")).hasValue("\"v1\"");
			assertThat(article.calls("GET /api/articles")).isEqualTo(2);
			assertThat(article.calls("HEAD /api/articles")).isZero();
		}

		@Test
		void requestsWithATokenAlwaysReachTheServiceAndAreNeverStored() throws Exception {
			article.answer(READ, 200, ARTICLE, PUBLIC);
			String token = LocalTokens.local().issue("EDITOR");
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> response = send(request("/api/articles/openai-nato").header("Authorization", "Bearer " + token));
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().firstValue("Age")).isEmpty();
			}
			assertThat(article.calls(READ)).isEqualTo(2);
			assertThat(GatewayBehaviourIntegrationTests.this.edgeCache.size()).isZero();
			// A stored anonymous answer is not given to a request with a token (or cookies) either.
			fill("/api/articles/openai-nato");
			send(request("/api/articles/openai-nato").header("Authorization", "Bearer " + token));
			send(request("/api/articles/openai-nato").header("Cookie", "session=x"));
			assertThat(article.calls(READ)).isEqualTo(5);
		}

		@Test
		void errorsAndAnswersThatMayNotBeSharedAreNotStored() throws Exception {
			article.answer("GET /api/articles/gone", 404, "{\"status\":404}", PUBLIC);
			article.answer("GET /api/articles/secret", 200, ARTICLE, Map.of("Cache-Control", "no-store"));
			article.answer("GET /api/articles/mine", 200, ARTICLE, Map.of("Cache-Control", "private, max-age=60"));
			article.answer("GET /api/articles/plain", 200, ARTICLE);
			article.answer("GET /api/articles/cookie", 200, ARTICLE,
					Map.of("Cache-Control", "max-age=5, public", "Set-Cookie", "tracking=1"));
			for (String slug : List.of("gone", "secret", "mine", "plain", "cookie")) {
				send(request("/api/articles/" + slug));
				send(request("/api/articles/" + slug));
				assertThat(article.calls("GET /api/articles/" + slug)).as(slug).isEqualTo(2);
			}
			assertThat(GatewayBehaviourIntegrationTests.this.edgeCache.size()).isZero();
		}

		@Test
		void ifNoneMatchIsAnswered304FromTheCache() throws Exception {
			article.answer(READ, 200, ARTICLE, PUBLIC);
			fill("/api/articles/openai-nato");
			HttpResponse<String> notModified = send(request("/api/articles/openai-nato").header("If-None-Match", "W/\"v1\""));
			assertThat(notModified.statusCode()).isEqualTo(304);
			assertThat(notModified.body()).isEmpty();
			assertThat(notModified.headers().firstValue("ETag")).hasValue("\"v1\"");
			assertThat(notModified.headers().firstValue("X-Request-Id")).isPresent();
			HttpResponse<String> changed = send(request("/api/articles/openai-nato").header("If-None-Match", "\"v0\""));
			assertThat(changed.statusCode()).isEqualTo(200);
			assertThat(changed.body()).isEqualTo(ARTICLE);
			assertThat(article.calls(READ)).isEqualTo(1);
		}

		@Test
		void adminPathsAreNeverCached() throws Exception {
			article.answer("GET /api/admin/articles", 200, "{\"items\":[]}", PUBLIC);
			assertThat(send(request("/api/admin/articles")).statusCode()).isEqualTo(401);
			assertThat(send(request("/api/admin/articles")).statusCode()).isEqualTo(401);
			String token = LocalTokens.local().issue("EDITOR");
			send(request("/api/admin/articles").header("Authorization", "Bearer " + token));
			send(request("/api/admin/articles").header("Authorization", "Bearer " + token));
			assertThat(article.calls("GET /api/admin/articles")).isEqualTo(2);
			assertThat(GatewayBehaviourIntegrationTests.this.edgeCache.size()).isZero();
		}

		@Test
		void anArticleWriteThroughTheGatewayEmptiesTheCache() throws Exception {
			article.answer(READ, 200, ARTICLE, PUBLIC);
			article.answer("PUT /api/admin/articles/6b08db539bd873ae116c8e13", 200, ARTICLE);
			fill("/api/articles/openai-nato");
			send(request("/api/admin/articles/6b08db539bd873ae116c8e13")
				.header("Authorization", "Bearer " + LocalTokens.local().issue("EDITOR"))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{}")));
			assertThat(GatewayBehaviourIntegrationTests.this.edgeCache.size()).isZero();
		}

		@Test
		void crossOriginReadsGoThroughCorsAndTheService() throws Exception {
			article.answer(READ, 200, ARTICLE, PUBLIC);
			fill("/api/articles/openai-nato");
			HttpResponse<String> cors = send(request("/api/articles/openai-nato").header("Origin", "https://www.accesspath.cn"));
			assertThat(cors.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.accesspath.cn");
			assertThat(article.calls(READ)).isEqualTo(2);
		}

	}

}
