package com.accesspath.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors of every layer leave the gateway as problem+json; only two health probes are
 * public; failed connections are retried within a budget and answers never are.
 */
class EdgeErrorsIntegrationTests extends GatewayTestSupport {

	@LocalManagementPort
	int managementPort;

	static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
		assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
		assertThat(JsonPath.<String>read(response.body(), "$.type")).endsWith("/" + status);
		assertThat(response.body()).doesNotContain("<html", "Exception");
	}

	@Nested
	class WebServerErrors {

		@Test
		void aRequestLineOverTheLimitIs414() throws Exception {
			assertProblem(send(request("/api/articles?q=" + "a".repeat(10_000))), 414);
			assertThat(article.calls("GET /api/articles")).isZero();
		}

		@Test
		void headersOverTheSizeLimitAre431() throws Exception {
			assertProblem(send(request("/api/articles").header("X-Big", "b".repeat(20_000))), 431);
		}

		@Test
		void moreHeaderLinesThanAnyClientSendsAre431BeforeTheService() throws Exception {
			HttpRequest.Builder many = request("/api/tags");
			for (int i = 0; i < 150; i++) {
				many.header("X-Filler-" + i, "x");
			}
			assertProblem(send(many), 431);
			assertThat(article.calls("GET /api/tags")).isZero();
		}

		@Test
		void aMalformedRequestIs400() throws Exception {
			String answer = raw("GET /api/tags HTTP/1.1\r\nHost: localhost\r\nBad Header Name: x\r\n\r\n");
			assertThat(answer).startsWith("HTTP/1.1 400");
			assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
			assertThat(answer).contains("\"status\":400");
			assertThat(article.calls("GET /api/tags")).isZero();
		}

		@Test
		void anUnsupportedMethodIs405() throws Exception {
			// The site refuses it with Tomcat's own HTML page; the client gets
			// problem+json.
			site.answer("DELETE /api/pages/home", 405, "<html><body>Method Not Allowed</body></html>",
					Map.of("Content-Type", "text/html;charset=utf-8"));
			assertProblem(send(request("/api/pages/home").DELETE()), 405);
		}

		@Test
		void aServicesOwnHtmlErrorPageIsReplaced() throws Exception {
			article.answer("GET /api/articles", 400,
					"<!doctype html><html><body><h1>HTTP Status 400 – Bad Request</h1></body></html>",
					Map.of("Content-Type", "text/html;charset=utf-8"));
			HttpResponse<String> response = send(request("/api/articles?tag=%5Bx%5D"));
			assertProblem(response, 400);
			assertThat(JsonPath.<String>read(response.body(), "$.instance")).isEqualTo("/api/articles");
			// A service's own problem+json passes unchanged.
			article.answer("GET /api/articles/nope", 404,
					"{\"type\":\"https://accesspath.cn/problems/404\",\"status\":404,\"detail\":\"No published article\"}",
					Map.of("Content-Type", "application/problem+json"));
			assertThat(send(request("/api/articles/nope")).body()).contains("No published article");
		}

		@Test
		void aServicesHtmlErrorPageIsReplacedOnTheRoutesToo() throws Exception {
			leads.answer("GET /api/diagnosis/stats", 400, "<html><body>HTTP Status 400</body></html>",
					Map.of("Content-Type", "text/html"));
			HttpResponse<String> response = send(request("/api/diagnosis/stats"));
			assertProblem(response, 400);
			assertThat(JsonPath.<String>read(response.body(), "$.instance")).isEqualTo("/api/diagnosis/stats");
		}

		@Test
		void theSitesOwnNotFoundPageReachesTheReaderAsItIs() throws Exception {
			String notFound = "<!doctype html><html><body data-page=\"not-found\"><h1>页面不存在</h1></body></html>";
			site.answer("GET /articles/no-such-article", 404, notFound,
					Map.of("Content-Type", "text/html;charset=UTF-8"));
			HttpResponse<String> response = send(request("/articles/no-such-article").header("Accept", "text/html"));
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
			assertThat(response.body()).isEqualTo(notFound);
			// An unknown API path stays the gateway's problem+json.
			assertProblem(send(request("/api/no-such-thing")), 404);
		}

	}

	@Nested
	class Actuator {

		@Test
		void onlyLivenessAndReadinessArePublicAndWithoutDetails() throws Exception {
			for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
				HttpResponse<String> response = send(request(probe));
				assertThat(response.statusCode()).as(probe).isEqualTo(200);
				assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
			}
			for (String hidden : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus",
					"/actuator/env", "/actuator/health/redis", "/actuator/gateway/routes" }) {
				assertProblem(send(request(hidden)), 404);
			}
		}

		@Test
		void metricsAreOnTheManagementPort() throws Exception {
			HttpResponse<String> metrics = EdgeErrorsIntegrationTests.this.http.send(HttpRequest
				.newBuilder(URI.create(
						"http://localhost:" + EdgeErrorsIntegrationTests.this.managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("gateway_edge_cache_requests_total");
		}

	}

	@Nested
	class Retries {

		double retries(String route) {
			var counter = EdgeErrorsIntegrationTests.this.meters.find("gateway.retries").tag("route", route).counter();
			return (counter == null) ? 0 : counter.count();
		}

		@Test
		void aGetWhoseConnectionFailedIsRetriedOnceAndAPostNever() throws Exception {
			newsletter.stop();
			try {
				double before = retries("newsletter-service");
				HttpResponse<String> read = send(request("/api/subscriptions/preferences?token=t"));
				assertProblem(read, 503);
				assertThat(read.headers().firstValue("Retry-After")).isPresent();
				assertThat(retries("newsletter-service")).isEqualTo(before + 1);
				double writesBefore = retries("subscriptions-write");
				assertProblem(send(post("/api/subscriptions", "{}")), 503);
				assertThat(retries("subscriptions-write")).isEqualTo(writesBefore);
			}
			finally {
				newsletter.restart();
			}
		}

	}

	@Nested
	class KeepAlive {

		@Test
		void answersFromMemoryBetweenProxiedOnesNeverStallTheConnection() throws Exception {
			article.answer("GET /api/categories", 200, "[]", Map.of("Cache-Control", "max-age=5, public"));
			leads.answer("GET /api/diagnosis/stats", 200, "{\"completed\":1}");
			HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			// Reactor Netty 1.3.6 could leave a keep-alive connection unread after an
			// answer given at once to a
			// request that arrived while the previous one was finishing
			// (reactor-netty#4361): each stall here
			// would be a 2 s timeout.
			for (int i = 0; i < 600; i++) {
				String path = (i % 3 == 0) ? "/api/diagnosis/stats" : "/api/categories";
				HttpResponse<String> response = oneConnection.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + EdgeErrorsIntegrationTests.this.port + path))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(path).isEqualTo(200);
			}
		}

	}

}
