package com.accesspath.ranking.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.hotlist.HotLists.HotList;
import com.accesspath.ranking.view.ViewRecorder.ViewResult;

/**
 * The {@link LeanEndpoint}s in the API document: springdoc sees controllers only, and
 * these two are servlet filters. Runs before the platform's conventions, which add their
 * security and error answers like any other operation's.
 */
@Component
@Order(0)
class LeanEndpointsApiDocument implements OpenApiCustomizer {

	static final String TAG = "阅读量与热榜";

	@Override
	public void customise(OpenAPI api) {
		Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
		api.setComponents(components);
		Map<String, Schema> hotList = ModelConverters.getInstance(true).readAll(HotList.class);
		Map<String, Schema> viewResult = ModelConverters.getInstance(true).readAll(ViewResult.class);
		hotList.forEach(components::addSchemas);
		viewResult.forEach(components::addSchemas);
		if (api.getPaths() == null) {
			api.setPaths(new Paths());
		}
		// GET /api/views?ids= is a controller's, on the same path: the POST joins it.
		api.getPaths().computeIfAbsent("/api/views", (path) -> new PathItem()).post(recordView());
		api.getPaths().addPathItem("/api/rankings/hot", new PathItem().get(hotList()));
		if (api.getTags() == null || api.getTags().stream().noneMatch((tag) -> TAG.equals(tag.getName()))) {
			api.addTagsItem(new Tag().name(TAG).description("文章阅读量（按访客去重）、24 小时与 7 天热榜、热门标签"));
		}
	}

	private static Operation recordView() {
		Schema<?> body = new ObjectSchema()
			.addProperty("articleId", new StringSchema().description("文章 id").example("6650f1c2a1b2c3d4e5f60718"))
			.required(List.of("articleId"));
		return new Operation().operationId("recordView")
			.summary("记录一次阅读")
			.description("同一访客 30 分钟内对同一篇文章只计一次；没有 X-Visitor-Id 时按客户端地址加 User-Agent 识别访客。" + "未知文章 404，且不记录任何数据。")
			.addTagsItem(TAG)
			.addParametersItem(new HeaderParameter().name("X-Visitor-Id")
				.description("客户端生成的访客标识（最长 128 个字符）")
				.schema(new StringSchema().maxLength(128).example("v-3f9a2c")))
			.requestBody(new RequestBody().required(true)
				.content(new Content().addMediaType("application/json", new MediaType().schema(body))))
			.responses(new ApiResponses().addApiResponse("202",
					new ApiResponse().description("已接收：返回文章的总阅读量以及这次是否计入")
						.content(new Content().addMediaType("application/json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/ViewResult"))))));
	}

	private static Operation hotList() {
		return new Operation().operationId("getHotList")
			.summary("热榜")
			.description("窗口内阅读量最高的文章；category 可以是栏目或栏目组的 key。每几秒更新一次。")
			.addTagsItem(TAG)
			.addParametersItem(new QueryParameter().name("window")
				.description("统计窗口")
				.schema(new StringSchema()._enum(List.of("24h", "7d"))._default("24h")))
			.addParametersItem(new QueryParameter().name("category")
				.description("栏目或栏目组的 key（见 GET /api/categories）")
				.schema(new StringSchema().maxLength(40)))
			.addParametersItem(new QueryParameter().name("limit")
				.description("条数，1–50")
				.schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)
					.maximum(java.math.BigDecimal.valueOf(50))
					._default(10)))
			.responses(new ApiResponses().addApiResponse("200",
					new ApiResponse().description("热榜")
						.content(new Content().addMediaType("application/json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/HotList"))))));
	}

}
