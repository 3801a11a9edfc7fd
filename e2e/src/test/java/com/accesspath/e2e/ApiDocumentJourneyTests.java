package com.accesspath.e2e;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a mobile team generates its client from: the gateway's merged document of the
 * running platform. Kept in {@code target/openapi/public.json}, where CI lints it with
 * Redocly and compiles a generated TypeScript client against it ({@code .ci/openapi}).
 */
@ExtendWith(Platform.class)
class ApiDocumentJourneyTests {

	static final Path DOCUMENT = Path.of("target/openapi/public.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

	/** The contract's operations (API.md) that are built today. */
	private static final List<String> CONTRACT = List.of("GET /api/categories", "GET /api/articles",
			"GET /api/articles/{idOrSlug}", "GET /api/articles/{idOrSlug}/related", "GET /api/tags",
			"POST /api/admin/articles", "GET /api/admin/articles", "PUT /api/admin/articles/{id}",
			"POST /api/admin/articles/{id}/publish", "DELETE /api/admin/articles/{id}", "POST /api/views",
			"GET /api/views/{articleId}", "GET /api/rankings/hot", "GET /api/rankings/tags",
			"GET /api/diagnosis/questionnaire", "POST /api/diagnosis", "GET /api/diagnosis/{id}/report",
			"GET /api/diagnosis/stats", "POST /api/contact", "POST /api/downloads", "GET /api/downloads/{token}",
			"GET /api/admin/leads", "GET /api/admin/leads/{id}", "PATCH /api/admin/leads/{id}",
			"POST /api/admin/leads/{id}/notes", "GET /api/admin/leads/export", "POST /api/subscriptions",
			"GET /api/subscriptions/confirm", "POST /api/subscriptions/confirm", "POST /api/subscriptions/unsubscribe",
			"GET /api/subscriptions/preferences", "PUT /api/subscriptions/preferences", "GET /api/wechat/callback",
			"POST /api/wechat/callback", "GET /api/wechat/qrcode", "GET /api/wechat/jssdk-config",
			"GET /api/admin/newsletter/stats", "POST /api/admin/newsletter/digests",
			"GET /api/admin/newsletter/digests/{id}", "GET /api/pages/home", "GET /api/pages/article/{idOrSlug}",
			"GET /api/site", "PUT /api/admin/site", "GET /api/site/pages/{slug}", "PUT /api/admin/site/pages/{slug}",
			"POST /api/admin/media", "GET /api/admin/media", "GET /api/admin/articles/{id}/revisions",
			"GET /api/admin/articles/{id}/revisions/{revision}",
			"POST /api/admin/articles/{id}/revisions/{revision}/restore");

	@Test
	void everyOperationOfTheContractIsDocumentedOnceWithItsSecurityAndProblemAnswers() throws Exception {
		HttpResponse<String> answer = Platform.get("/v3/api-docs/public");
		assertThat(answer.statusCode()).isEqualTo(200);
		Files.createDirectories(DOCUMENT.getParent());
		Files.writeString(DOCUMENT, answer.body());
		JsonNode document = JSON.readTree(answer.body());

		List<String> operations = new ArrayList<>();
		List<String> operationIds = new ArrayList<>();
		document.path("paths").properties().forEach((path) -> METHODS.forEach((method) -> {
			JsonNode operation = path.getValue().get(method);
			if (operation == null) {
				return;
			}
			String name = method.toUpperCase() + " " + path.getKey();
			operations.add(name);
			operationIds.add(operation.path("operationId").asString());
			assertThat(operation.path("summary").asString()).as(name + " summary").isNotBlank();
			assertThat(operation.path("tags")).as(name + " tags").isNotEmpty();
			JsonNode security = operation.get("security");
			assertThat(security).as(name + " security").isNotNull();
			if (path.getKey().startsWith("/api/admin/")) {
				assertThat(security.findValues("bearerAuth")).as(name + " needs the bearer token").isNotEmpty();
				assertThat(operation.path("responses").has("401")).as(name + " 401").isTrue();
				assertThat(operation.path("responses").has("403")).as(name + " 403").isTrue();
			}
			else {
				assertThat(security).as(name + " is public").isEmpty();
			}
			List<String> problems = new ArrayList<>();
			operation.path("responses").properties().forEach((response) -> {
				if (response.getKey().startsWith("4")) {
					JsonNode resolved = resolve(document, response.getValue());
					if (resolved.path("content").has("application/problem+json")) {
						problems.add(response.getKey());
					}
				}
			});
			assertThat(problems).as(name + " problem+json 4xx answers").contains("400");
		}));
		assertThat(operations).containsAll(CONTRACT);
		// The gateway's rate limits, where they apply and nowhere else.
		for (String limited : List.of("POST /api/views", "POST /api/diagnosis", "POST /api/contact",
				"POST /api/downloads", "POST /api/subscriptions")) {
			String[] parts = limited.split(" ");
			assertThat(document.path("paths").path(parts[1]).path(parts[0].toLowerCase()).path("responses").has("429"))
				.as(limited + " 429")
				.isTrue();
		}
		assertThat(document.path("paths").path("/api/articles").path("get").path("responses").has("429")).isFalse();
		assertThat(operations)
			.noneMatch((operation) -> operation.contains("/error") || operation.contains("/internal"));
		assertThat(operationIds).doesNotHaveDuplicates().allMatch((id) -> id.matches("[A-Za-z][A-Za-z0-9]*"));
		assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo(Platform.GATEWAY);
		assertThat(document.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asString())
			.isEqualTo("bearer");
	}

	private static JsonNode resolve(JsonNode document, JsonNode node) {
		String ref = node.path("$ref").asString("");
		if (ref.isEmpty()) {
			return node;
		}
		JsonNode target = document;
		for (String part : ref.substring(2).split("/")) {
			target = target.path(part);
		}
		return target;
	}

}
