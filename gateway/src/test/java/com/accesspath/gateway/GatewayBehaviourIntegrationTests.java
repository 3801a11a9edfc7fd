package com.accesspath.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.accesspath.devstack.LocalTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway under load and faults: request ids, limits, breakers. */
class GatewayBehaviourIntegrationTests extends GatewayTestSupport {

	/**
	 * The AI 资讯 group as article-service serves it (the test's own copy; main code reads
	 * it from there).
	 */
	static final String TAXONOMY = """
			[{"key":"news","name":"AI 资讯","children":[{"key":"flash","name":"快讯","children":[]},
			  {"key":"product","name":"产品","children":[]},{"key":"tech","name":"技术","children":[]},
			  {"key":"business","name":"商业","children":[]},{"key":"policy","name":"政策","children":[]},
			  {"key":"startup","name":"初创","children":[]}]}]""";

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
			HttpResponse<String> allowed = send(
					request("/api/articles").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
						.header("Origin", "https://www.accesspath.cn")
						.header("Access-Control-Request-Method", "POST")
						.header("Access-Control-Request-Headers", "content-type,x-visitor-id"));
			assertThat(allowed.statusCode()).isEqualTo(200);
			assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
				.hasValue("https://www.accesspath.cn");
			HttpResponse<String> refused = send(
					request("/api/articles").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
						.header("Origin", "https://evil.example")
						.header("Access-Control-Request-Method", "POST"));
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(article.calls("OPTIONS /api/articles")).isZero();
		}

		@Test
		void bodiesOverTheLimitAre413AndNeverReachTheService() throws Exception {
			HttpResponse<String> response = send(
					post("/api/views", "{\"articleId\":\"" + "x".repeat(70 * 1024) + "\"}"));
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
			assertThat(ranking.calls("POST /api/views")).isZero();
		}

		@Test
		void onlyTheMediaLibrarysUploadPathTakesLargeBodiesAndOnlyFromEditors() throws Exception {
			article.answer("POST /api/admin/media", 200, "{\"service\":\"article\"}");
			byte[] file = new byte[3 * 1024 * 1024];
			String editor = LocalTokens.local().issue("EDITOR");
			HttpResponse<String> upload = send(request("/api/admin/media").header("Authorization", "Bearer " + editor)
				.header("Content-Type", "multipart/form-data; boundary=x")
				.POST(HttpRequest.BodyPublishers.ofByteArray(file)));
			assertThat(upload.statusCode()).isEqualTo(200);
			assertThat(upload.body()).contains("\"service\":\"article\"");
			// Over the upload limit: refused from the declared length, before any of the
			// body
			// is read.
			String tooLarge = raw("POST /api/admin/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + editor
					+ "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 60000000\r\n"
					+ "Connection: close\r\n\r\n");
			assertThat(tooLarge).startsWith("HTTP/1.1 413");
			// The same body anywhere else in the admin area is over its limit.
			HttpResponse<String> elsewhere = send(
					request("/api/admin/articles").header("Authorization", "Bearer " + editor)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofByteArray(file)));
			assertThat(elsewhere.statusCode()).isEqualTo(413);
			// Without an editor's token the upload never reaches article-service.
			int before = article.calls("POST /api/admin/media");
			HttpResponse<String> anonymous = send(
					request("/api/admin/media").header("Content-Type", "multipart/form-data; boundary=x")
						.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])));
			assertThat(anonymous.statusCode()).isEqualTo(401);
			HttpResponse<String> sales = send(
					request("/api/admin/media").header("Authorization", "Bearer " + LocalTokens.local().issue("SALES"))
						.header("Content-Type", "multipart/form-data; boundary=x")
						.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])));
			assertThat(sales.statusCode()).isEqualTo(403);
			assertThat(article.calls("POST /api/admin/media")).isEqualTo(before);
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

		@Test
		void downloadRequestsShareTheStrictLimitWhileTheirLinksAreNeverLimited() throws Exception {
			leads.answer("POST /api/downloads", 202, "{\"message\":\"ok\"}");
			leads.answer("POST /api/contact", 201, "{\"id\":\"x\"}");
			for (int i = 0; i < 2; i++) {
				assertThat(send(post("/api/downloads", "{}")).statusCode()).isEqualTo(202);
			}
			assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(201);
			HttpResponse<String> limited = send(post("/api/downloads", "{}"));
			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).isPresent();
			assertThat(leads.calls("POST /api/downloads")).isEqualTo(2);
			String link = "/api/downloads/q3Vb0yqH8k2mXlJr4nT6cW1sZpA9dEfGhIjKlMnOpQr";
			leads.answer("GET " + link, 302, "", Map.of("Location", "https://www.accesspath.cn/media/a.pdf"));
			for (int i = 0; i < 4; i++) {
				HttpResponse<String> followed = send(request(link));
				assertThat(followed.statusCode()).isEqualTo(302);
				assertThat(followed.headers().firstValue("Location")).hasValue("https://www.accesspath.cn/media/a.pdf");
			}
		}

	}

	@Nested
	class Resilience {

		@Test
		void answersAre503dAtOnceNeverRetried() throws Exception {
			article.answer("GET /api/tags", 503, "{}");
			leads.answer("POST /api/contact", 503, "{}");
			assertThat(send(request("/api/tags")).statusCode()).isEqualTo(503);
			assertThat(article.calls("GET /api/tags")).isEqualTo(1);
			assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(503);
			assertThat(leads.calls("POST /api/contact")).isEqualTo(1);
		}

		@Test
		void breakersAndTimeLimitsComeFromTheConfiguration() {
			circuitBreakers.create("newsletter-service");
			CircuitBreakerConfig breaker = circuitBreakers.getCircuitBreakerRegistry()
				.circuitBreaker("newsletter-service")
				.getCircuitBreakerConfig();
			assertThat(breaker.getSlidingWindowSize()).isEqualTo(50);
			assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(10);
			assertThat(breaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000L);
			assertThat(circuitBreakers.getTimeLimiterRegistry()
				.getConfiguration("newsletter-service")
				.orElseThrow()
				.getTimeoutDuration()).isEqualTo(Duration.ofMillis(500));
		}

		@Test
		void hungBackendIs503WithinTheTimeLimitThenAtOnceWithTheBreakerOpen() throws Exception {
			newsletter.hang("GET /api/subscriptions/preferences");
			long started = System.nanoTime();
			HttpResponse<String> first = send(request("/api/subscriptions/preferences?token=t"));
			Duration firstTook = Duration.ofNanos(System.nanoTime() - started);
			assertThat(first.statusCode()).isEqualTo(503);
			assertThat(first.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(first.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
			assertThat(firstTook).isLessThan(Duration.ofMillis(2500));
			Duration fastest = firstTook;
			for (int i = 0; i < 14; i++) {
				long start = System.nanoTime();
				assertThat(send(request("/api/subscriptions/preferences?token=t")).statusCode()).isEqualTo(503);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				fastest = (took.compareTo(fastest) < 0) ? took : fastest;
			}
			// Once open, the breaker answers without waiting for the backend's time limit
			// (500 ms).
			assertThat(fastest).isLessThan(Duration.ofMillis(200));
		}

	}

}
