package com.accesspath.site.pages;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The client pages' schemas in the API document. The pages carry other services' answers
 * as they are (JSON trees, to the site), so their parts are described by reference to
 * those services' schemas ({@code Article}, {@code ArticleSummary}, {@code HotItem},
 * {@code HotTag}): complete in the gateway's merged document
 * ({@code /v3/api-docs/public}), where those services' schemas are.
 */
@Component
@Order(0)
class PagesApiDocument implements OpenApiCustomizer {

	static {
		// Not a bean to introspect: what a part holds is given below.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
	}

	@Override
	public void customise(OpenAPI api) {
		Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
		api.setComponents(components);
		components.addSchemas("ArticlePage", new ObjectSchema().description("文章页：文章、阅读量、相关文章与热榜，一次取回")
			.addProperty("article", ref("Article"))
			.addProperty("views", new IntegerSchema().format("int64").description("总阅读量；阅读量服务不可用时为 null").example(1024))
			.addProperty("related", list("ArticleSummary", "相关文章（共同标签最多的在前）"))
			.addProperty("hot", list("HotItem", "24 小时热榜；不可用时为空数组")));
		components.addSchemas("HomePage",
				new ObjectSchema().description("首页：各资讯栏目的最新文章、热榜、热门标签与诊断计数")
					.addProperty("latest",
							new ObjectSchema().description("AI 资讯各栏目 key → 最新文章")
								.additionalProperties(list("ArticleSummary", "该栏目的最新文章")))
					.addProperty("hot", list("HotItem", "24 小时热榜；不可用时为空数组"))
					.addProperty("hotTags", list("HotTag", "热门标签；不可用时为空数组"))
					.addProperty("diagnosisCompleted",
							new IntegerSchema().format("int64").description("已完成诊断的企业数；线索服务不可用时为 null").example(328)));
		Map<String, Schema> schemas = components.getSchemas();
		schemas.keySet().removeIf((name) -> name.equals("JsonNode"));
	}

	private static Schema<?> ref(String schema) {
		return new Schema<>().$ref("#/components/schemas/" + schema);
	}

	private static Schema<?> list(String schema, String description) {
		return new ArraySchema().items(ref(schema)).description(description);
	}

}
