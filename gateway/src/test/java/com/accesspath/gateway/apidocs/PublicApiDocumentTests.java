package com.accesspath.gateway.apidocs;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.accesspath.gateway.apidocs.PublicApiDocument.Header;
import com.accesspath.gateway.apidocs.PublicApiDocument.ServiceDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PublicApiDocumentTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Header HEADER = new Header("公共 API", "2", "说明", "https://www.accesspath.cn");

	static final String ARTICLES = """
			{"openapi":"3.1.0","info":{"title":"article-service","version":"1"},
			 "servers":[{"url":"http://10.0.0.7:8081"}],
			 "tags":[{"name":"文章","description":"文章列表与详情"}],
			 "paths":{
			  "/api/articles/{idOrSlug}":{"get":{"operationId":"getArticle","summary":"文章详情","tags":["文章"],
			    "responses":{"200":{"description":"文章","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Article"}}}},
			                 "404":{"$ref":"#/components/responses/NotFound"}}}},
			  "/internal/reindex":{"post":{"operationId":"reindex","summary":"重建索引","responses":{"204":{"description":"好"}}}}},
			 "components":{"schemas":{
			   "Article":{"type":"object","properties":{"category":{"$ref":"#/components/schemas/Category"}}},
			   "Category":{"type":"object","properties":{"key":{"type":"string"},"name":{"type":"string"}}},
			   "Unused":{"type":"string"},
			   "Problem":{"type":"object"}},
			  "responses":{"NotFound":{"description":"不存在","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}},
			  "securitySchemes":{"bearerAuth":{"type":"http","scheme":"bearer"}}}}
			""";

	static final String RANKING = """
			{"openapi":"3.1.0","info":{"title":"ranking-service","version":"1"},
			 "tags":[{"name":"热榜","description":"热榜"},{"name":"文章","description":"另一种说法"}],
			 "paths":{
			  "/api/rankings/hot":{"get":{"operationId":"getHotList","summary":"热榜","tags":["热榜"],
			    "responses":{"200":{"description":"热榜","content":{"application/json":{"schema":{"$ref":"#/components/schemas/HotItem"}}}},
			                 "404":{"$ref":"#/components/responses/NotFound"}}}},
			  "/api/views/{articleId}":{"get":{"operationId":"getArticle","summary":"阅读量","security":[{"bearerAuth":[]}],
			    "responses":{"200":{"description":"阅读量"}}}}},
			 "components":{"schemas":{
			   "HotItem":{"type":"object","properties":{"category":{"$ref":"#/components/schemas/Category"}}},
			   "Category":{"type":"string","enum":["news","resources"]},
			   "Problem":{"type":"object"}},
			  "responses":{"NotFound":{"description":"不存在","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}},
			  "securitySchemes":{"bearerAuth":{"type":"http","scheme":"bearer"}}}}
			""";

	@Test
	void theGatewayIsTheOnlyServerAndOnlyPublicPathsAreListed() {
		JsonNode merged = merge(ARTICLES, RANKING);

		assertThat(merged.path("servers")).hasSize(1);
		assertThat(merged.path("servers").get(0).path("url").asString()).isEqualTo("https://www.accesspath.cn");
		assertThat(merged.path("paths").propertyNames()).containsExactly("/api/articles/{idOrSlug}",
				"/api/rankings/hot", "/api/views/{articleId}");
		assertThat(merged.path("info").path("license").path("name").asString()).isNotBlank();
	}

	@Test
	void schemasNamedAlikeButDifferentAreKeptApartWithTheirReferences() {
		JsonNode merged = merge(ARTICLES, RANKING);
		JsonNode schemas = merged.path("components").path("schemas");

		assertThat(schemas.path("Category").path("type").asString()).isEqualTo("object");
		assertThat(schemas.path("RankingCategory").path("type").asString()).isEqualTo("string");
		// The schema that refers to the renamed one was renamed too: it now differs.
		assertThat(schemas.path("HotItem").path("properties").path("category").path("$ref").asString())
			.isEqualTo("#/components/schemas/RankingCategory");
		// Equal ones are shared, not duplicated.
		assertThat(schemas.has("RankingProblem")).isFalse();
		assertThat(merged.path("paths")
			.path("/api/rankings/hot")
			.path("get")
			.path("responses")
			.path("404")
			.path("$ref")
			.asString()).isEqualTo("#/components/responses/NotFound");
	}

	@Test
	void componentsNoPathUsesAreLeftOutButSecuritySchemesInUseStay() {
		JsonNode components = merge(ARTICLES, RANKING).path("components");

		assertThat(components.path("schemas").has("Unused")).isFalse();
		assertThat(components.path("schemas").has("Problem")).isTrue();
		assertThat(components.path("securitySchemes").has("bearerAuth")).isTrue();
	}

	@Test
	void operationIdsStayUniqueAndTagsAreListedOnce() {
		JsonNode merged = merge(ARTICLES, RANKING);

		assertThat(merged.path("paths").path("/api/views/{articleId}").path("get").path("operationId").asString())
			.isEqualTo("rankingGetArticle");
		assertThat(merged.path("tags").findValuesAsString("name")).containsExactly("文章", "热榜");
	}

	@Test
	void operationsTheGatewayLimitsMayAnswer429() {
		JsonNode merged = PublicApiDocument.merge(HEADER,
				List.of(new ServiceDocument("article-service", JSON.readTree(ARTICLES)),
						new ServiceDocument("ranking-service", JSON.readTree(RANKING))),
				(method, path) -> method.equals("GET") && path.equals("/api/rankings/hot"));

		assertThat(merged.path("paths")
			.path("/api/rankings/hot")
			.path("get")
			.path("responses")
			.path("429")
			.path("$ref")
			.asString()).isEqualTo("#/components/responses/TooManyRequests");
		assertThat(merged.path("paths").path("/api/articles/{idOrSlug}").path("get").path("responses").has("429"))
			.isFalse();
		JsonNode tooMany = merged.path("components").path("responses").path("TooManyRequests");
		assertThat(tooMany.path("headers").has("Retry-After")).isTrue();
		assertThat(tooMany.path("content").path("application/problem+json").path("schema").path("$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
	}

	@Test
	void twoServicesClaimingOneOperationIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> merge(ARTICLES, ARTICLES))
			.withMessageContaining("/api/articles/{idOrSlug}");
	}

	private static JsonNode merge(String articles, String ranking) {
		return PublicApiDocument.merge(HEADER, List.of(new ServiceDocument("article-service", JSON.readTree(articles)),
				new ServiceDocument("ranking-service", JSON.readTree(ranking))));
	}

}
