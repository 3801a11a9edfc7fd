package com.accesspath.gateway;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

import com.accesspath.devstack.LocalTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct path (public reads the edge cache did not answer, the view beacon) keeps
 * what the routes give: the body, the decided client address, the request id, the limit,
 * the breaker and time limit, the security headers; requests with credentials or from
 * another origin take the routes.
 */
class DirectProxyIntegrationTests extends GatewayTestSupport {

	@Test
	void aViewIsForwardedWithItsBodyAndHeaders() throws Exception {
		ranking.answer("POST /api/views", 202, "{\"articleId\":\"a\",\"views\":1,\"counted\":true}");
		HttpResponse<String> response = send(post("/api/views", "{\"articleId\":\"a\"}").header("X-Visitor-Id", "v-1")
			.header("X-Request-Id", "req-views-1"));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(JsonPath.<Boolean>read(response.body(), "$.counted")).isTrue();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("req-views-1");
		Headers seen = ranking.lastHeaders("POST /api/views");
		assertThat(seen.getFirst("X-Visitor-Id")).isEqualTo("v-1");
		assertThat(seen.getFirst("Content-Type")).isEqualTo("application/json");
		assertThat(seen.get("X-Request-Id")).containsExactly("req-views-1");
		assertThat(seen.get("X-Forwarded-For")).containsExactly("127.0.0.1");
	}

	@Test
	void viewsCountAgainstTheViewsLimit() throws Exception {
		ranking.answer("POST /api/views", 202, "{\"counted\":true}");
		int accepted = 0;
		int limited = 0;
		// The tests' limit: five at once, then one a second.
		for (int i = 0; i < 20; i++) {
			int status = send(post("/api/views", "{\"articleId\":\"a\"}").header("X-Forwarded-For", "203.0.113." + i))
				.statusCode();
			accepted += (status == 202) ? 1 : 0;
			limited += (status == 429) ? 1 : 0;
		}
		assertThat(limited).isPositive();
		assertThat(accepted).isGreaterThanOrEqualTo(5);
		assertThat(accepted + limited).isEqualTo(20);
		assertThat(ranking.calls("POST /api/views")).isEqualTo(accepted);
	}

	@Test
	void aHungServiceIs503WithinItsTimeLimit() throws Exception {
		article.hang("GET /api/articles/slow");
		long started = System.nanoTime();
		HttpResponse<String> response = send(request("/api/articles/slow"));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		// article-service's time limit is 2 s.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2800));
	}

	@Test
	void readsWithCredentialsOrFromAnotherOriginTakeTheRoutes() throws Exception {
		article.answer("GET /api/tags", 200, "[]", Map.of("Cache-Control", "max-age=5, public"));
		HttpResponse<String> badToken = send(request("/api/tags").header("Authorization", "Bearer not-a-token"));
		assertThat(badToken.statusCode()).as("Spring Security checked the token").isEqualTo(401);
		HttpResponse<String> withToken = send(
				request("/api/tags").header("Authorization", "Bearer " + LocalTokens.local().issue("EDITOR")));
		assertThat(withToken.statusCode()).isEqualTo(200);
		HttpResponse<String> crossOrigin = send(request("/api/tags").header("Origin", "https://www.accesspath.cn"));
		assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://www.accesspath.cn");
		HttpResponse<String> view = send(post("/api/views", "{}").header("Authorization", "Bearer not-a-token"));
		assertThat(view.statusCode()).isEqualTo(401);
		assertThat(ranking.calls("POST /api/views")).isZero();
	}

	@Test
	void answersCarryTheHeadersEveryGatewayAnswerHas() throws Exception {
		article.answer("GET /api/categories", 200, "[]", Map.of("Server", "Apache Tomcat", "X-Powered-By", "stub"));
		HttpResponse<String> response = send(request("/api/categories"));
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		assertThat(String.join(",", response.headers().allValues("Vary"))).contains("Origin",
				"Access-Control-Request-Method");
		assertThat(response.headers().firstValue("Server")).isEmpty();
		assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
	}

	@Test
	void aGetWithABodyCannotDesynchroniseTheServicesConnection() throws Exception {
		article.answer("GET /api/articles/a", 200, "{\"slug\":\"a\"}");
		article.answer("GET /api/articles/b", 200, "{\"slug\":\"b\"}");
		String answer = raw(
				"GET /api/articles/a HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello");
		assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"slug\":\"a\"}");
		// The service was sent no body framing it would wait for...
		assertThat(article.lastHeaders("GET /api/articles/a").containsKey("Content-length")).isFalse();
		// ...so the next requests on the gateway's pooled connections are answered as
		// themselves.
		for (int i = 0; i < 5; i++) {
			assertThat(send(request("/api/articles/b?i=" + i)).body()).isEqualTo("{\"slug\":\"b\"}");
		}
	}

	@Test
	void aChunkedBodyOverTheLimitIs413AndNoFailureOfTheService() throws Exception {
		byte[] large = ("{\"articleId\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = send(request("/api/views").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		assertThat(this.circuitBreakers.getCircuitBreakerRegistry()
			.circuitBreaker("ranking-service")
			.getMetrics()
			.getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aFailedConnectionIsRetriedOnceFromTheServicesBudget() throws Exception {
		article.stop();
		try {
			var before = this.meters.find("gateway.retries").tag("route", "direct-article-service").counter();
			double retriesBefore = (before == null) ? 0 : before.count();
			HttpResponse<String> response = send(request("/api/articles/any"));
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(this.meters.find("gateway.retries").tag("route", "direct-article-service").counter().count())
				.isEqualTo(retriesBefore + 1);
		}
		finally {
			article.restart();
		}
	}

	@Test
	void theServiceSeesTheGatewaysSpanAsItsParent() throws Exception {
		article.answer("GET /api/categories", 200, "[]");
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		send(request("/api/categories").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
		String traceparent = article.lastHeaders("GET /api/categories").getFirst("traceparent");
		assertThat(traceparent).contains(traceId).doesNotContain("00f067aa0ba902b7");
	}

	@Test
	void viewsFromTheSitesOwnOriginTakeTheDirectPathOthersTheRoutes() throws Exception {
		ranking.answer("POST /api/views", 202, "{\"counted\":true}");
		HttpResponse<String> own = send(post("/api/views", "{}").header("Origin", "http://localhost:" + this.port));
		assertThat(own.statusCode()).isEqualTo(202);
		assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> allowed = send(post("/api/views", "{}").header("Origin", "https://www.accesspath.cn"));
		assertThat(allowed.statusCode()).isEqualTo(202);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.accesspath.cn");
		HttpResponse<String> foreign = send(post("/api/views", "{}").header("Origin", "https://evil.example"));
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(ranking.calls("POST /api/views")).isEqualTo(2);
	}

}
