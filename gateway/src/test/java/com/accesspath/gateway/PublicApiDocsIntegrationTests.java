package com.accesspath.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v3/api-docs/public}: the services' documents (from stubs here; the e2e
 * module lints the real one) merged, revalidated by ETag, and kept while a service fails.
 */
class PublicApiDocsIntegrationTests extends GatewayTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EMPTY = """
			{"openapi":"3.1.0","info":{"title":"%s","version":"1"},"paths":{}}""";

	private static final String ARTICLES = """
			{"openapi":"3.1.0","info":{"title":"article-service","version":"1"},"paths":{
			 "/api/articles":{"get":{"operationId":"listArticles","summary":"文章列表","security":[],
			   "responses":{"200":{"description":"文章"}}}},
			 "/error":{"get":{"operationId":"error","summary":"错误","responses":{"200":{"description":"错误"}}}}}}""";

	private static final String RANKING = """
			{"openapi":"3.1.0","info":{"title":"ranking-service","version":"1"},"paths":{
			 "/api/rankings/hot":{"get":{"operationId":"getHotList","summary":"热榜","security":[],
			   "responses":{"200":{"description":"热榜"}}}},
			 "/api/views":{"post":{"operationId":"recordView","summary":"记录阅读","security":[],
			   "responses":{"202":{"description":"已接收"}}}}}}""";

	private static final String LEADS = """
			{"openapi":"3.1.0","info":{"title":"leads-service","version":"1"},"paths":{
			 "/api/contact":{"post":{"operationId":"submitContact","summary":"联系","security":[],
			   "responses":{"201":{"description":"已创建"}}}},
			 "/api/diagnosis/stats":{"get":{"operationId":"getDiagnosisStats","summary":"计数","security":[],
			   "responses":{"200":{"description":"计数"}}}}}}""";

	@Test
	void theServicesDocumentsMergedIntoOneRevalidatedByItsETag() throws Exception {
		serveDocuments();

		HttpResponse<String> first = awaitDocumentWith("/api/rankings/hot");
		JsonNode document = JSON.readTree(first.body());

		assertThat(document.path("paths").propertyNames()).containsExactly("/api/articles", "/api/contact",
				"/api/diagnosis/stats", "/api/rankings/hot", "/api/views");
		// 429 where the gateway limits the rate: a route's ClientRateLimit, a direct
		// write.
		assertThat(responses(document, "/api/contact", "post").has("429")).isTrue();
		assertThat(responses(document, "/api/views", "post").has("429")).isTrue();
		assertThat(responses(document, "/api/diagnosis/stats", "get").has("429")).isFalse();
		assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo("http://localhost:8080");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> again = send(request("/v3/api-docs/public").header("If-None-Match", etag));
		assertThat(again.statusCode()).isEqualTo(304);
	}

	@Test
	void theLastMergedDocumentIsServedWhileAServiceCannotBeAsked() throws Exception {
		serveDocuments();
		String merged = awaitDocumentWith("/api/rankings/hot").body();
		ranking.answer("GET /v3/api-docs", 500, "{}");
		int askedBefore = ranking.calls("GET /v3/api-docs");

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			HttpResponse<String> answer = send(request("/v3/api-docs/public"));
			assertThat(ranking.calls("GET /v3/api-docs")).isGreaterThan(askedBefore);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(merged);
		});
	}

	private static JsonNode responses(JsonNode document, String path, String method) {
		return document.path("paths").path(path).path(method).path("responses");
	}

	private void serveDocuments() {
		article.answer("GET /v3/api-docs", 200, ARTICLES);
		ranking.answer("GET /v3/api-docs", 200, RANKING);
		leads.answer("GET /v3/api-docs", 200, LEADS);
		newsletter.answer("GET /v3/api-docs", 200, EMPTY.formatted("newsletter-service"));
		site.answer("GET /v3/api-docs", 200, EMPTY.formatted("site"));
	}

	/**
	 * Merges are kept for 200 ms here: the first answer may still be an earlier test's.
	 */
	private HttpResponse<String> awaitDocumentWith(String path) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> send(request("/v3/api-docs/public")),
					(answer) -> answer.statusCode() == 200 && JSON.readTree(answer.body()).path("paths").has(path)
							&& !JSON.readTree(answer.body()).path("paths").has("/error"));
	}

}
