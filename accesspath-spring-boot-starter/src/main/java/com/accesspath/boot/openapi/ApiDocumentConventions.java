package com.accesspath.boot.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;

/**
 * What every operation of every service's API document says the same way (API.md,
 * "Errors" and "Auth"), so the controllers only say what is theirs: the security of each
 * operation ({@code /api/admin/**} needs a bearer JWT, everything else is explicitly
 * public), its error answers as {@code application/problem+json} with one shared
 * {@code Problem} schema, and no {@code /error} path.
 * <p>
 * The error answers listed are those the platform really gives for an operation of that
 * shape: every operation can be a 400 (a malformed path or query) or a 503 (a dependency
 * down); an admin operation 401 and 403; one with a path variable 404; one with a body
 * 413 and 415; one with {@code If-Match} 412; an admin write on one resource 409; one
 * found by a token 404. The gateway adds 429 where its rate limits apply (they are its
 * own). The ones springdoc derives from the exception handlers (every handler's status on
 * every operation) are replaced by these; the gateway's merged document drops the
 * components nobody refers to.
 */
public class ApiDocumentConventions implements OpenApiCustomizer, Ordered {

	public static final String BEARER = "bearerAuth";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String ADMIN_PREFIX = "/api/admin/";

	/** Status → name and description of the shared responses under components. */
	private static final Map<String, String[]> ERRORS = new LinkedHashMap<>();

	static {
		ERRORS.put("400", new String[] { "BadRequest", "请求无效：JSON 格式错误、类型不符或未通过校验（errors 列出各字段）" });
		ERRORS.put("401", new String[] { "Unauthorized", "缺少令牌，或令牌无效、已过期" });
		ERRORS.put("403", new String[] { "Forbidden", "令牌有效，但缺少所需角色" });
		ERRORS.put("404", new String[] { "NotFound", "资源不存在" });
		ERRORS.put("409", new String[] { "Conflict", "当前状态不允许此操作" });
		ERRORS.put("412", new String[] { "PreconditionFailed", "If-Match 的版本已过期：请重新读取后再保存" });
		ERRORS.put("413", new String[] { "PayloadTooLarge", "请求体超过上限" });
		ERRORS.put("415", new String[] { "UnsupportedMediaType", "不支持的内容类型" });
		ERRORS.put("422", new String[] { "UnprocessableContent", "格式正确但违反规则，例如同一 Idempotency-Key 配了不同的请求体" });
		ERRORS.put("429", new String[] { "TooManyRequests", "超过频率限制：请在 Retry-After 秒后重试" });
		ERRORS.put("503", new String[] { "ServiceUnavailable", "依赖的服务暂不可用：请在 Retry-After 秒后重试" });
	}

	/** After the services' own customizers, so that operations they add get these too. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customise(OpenAPI api) {
		Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
		api.setComponents(components);
		components.addSecuritySchemes(BEARER, bearerScheme());
		components.addSchemas("Problem", problemSchema());
		components.addSchemas("FieldError", fieldErrorSchema());
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().keySet().removeIf((path) -> path.equals("/error") || path.startsWith("/error/"));
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			boolean admin = path.startsWith(ADMIN_PREFIX) || path.equals("/api/admin");
			operation.setSecurity(admin ? List.of(new SecurityRequirement().addList(BEARER)) : new ArrayList<>());
			List<String> errors = errorsOf(path, method, operation, admin);
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			responses.keySet().removeIf((status) -> status.startsWith("4") || status.startsWith("5"));
			errors.forEach((status) -> {
				responses.addApiResponse(status,
						new ApiResponse().$ref("#/components/responses/" + ERRORS.get(status)[0]));
				components.addResponses(ERRORS.get(status)[0], errorResponse(status));
			});
			operation.setResponses(responses);
		}));
	}

	static List<String> errorsOf(String path, PathItem.HttpMethod method, Operation operation, boolean admin) {
		List<String> errors = new ArrayList<>();
		errors.add("400");
		if (admin) {
			errors.add("401");
			errors.add("403");
		}
		boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
		if (path.contains("{") || hasParameter(operation, "query", "token")) {
			errors.add("404");
			if (admin && write) {
				errors.add("409");
			}
		}
		if (hasHeader(operation, "If-Match")) {
			errors.add("412");
		}
		if (operation.getRequestBody() != null) {
			errors.add("413");
			errors.add("415");
		}
		if (hasHeader(operation, "Idempotency-Key")) {
			errors.add("422");
		}
		errors.add("503");
		return errors;
	}

	private static boolean hasHeader(Operation operation, String name) {
		return hasParameter(operation, "header", name);
	}

	private static boolean hasParameter(Operation operation, String in, String name) {
		return operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch((parameter) -> in.equals(parameter.getIn()) && name.equalsIgnoreCase(parameter.getName()));
	}

	private static ApiResponse errorResponse(String status) {
		ApiResponse response = new ApiResponse().description(ERRORS.get(status)[1])
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
						.example(example(status))));
		if (status.equals("429") || status.equals("503")) {
			response.addHeaderObject("Retry-After",
					new Header().description("几秒后可以重试").schema(new IntegerSchema().example(2)));
		}
		return response;
	}

	private static Map<String, Object> example(String status) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "https://accesspath.cn/problems/" + status);
		example.put("title", org.springframework.http.HttpStatus.valueOf(Integer.parseInt(status)).getReasonPhrase());
		example.put("status", Integer.parseInt(status));
		example.put("detail", ERRORS.get(status)[1]);
		example.put("instance", "/api/contact");
		if (status.equals("400")) {
			example.put("errors", List.of(Map.of("field", "consent", "message", "必须为 true")));
		}
		return example;
	}

	private static SecurityScheme bearerScheme() {
		return new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("编辑、销售与管理员的 JWT（claims：sub、roles、exp）。/api/admin/** 需要它；"
					+ "文章、站点页面与订阅管理需 EDITOR，线索需 SALES，其余需 ADMIN（ADMIN 可做一切）。");
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		return new ObjectSchema().description("RFC 9457 问题详情（application/problem+json）")
			.addProperty("type", new StringSchema().format("uri").description("问题类型：每个状态码一个 URI"))
			.addProperty("title", new StringSchema().description("状态的简短说明"))
			.addProperty("status", new IntegerSchema().description("HTTP 状态码"))
			.addProperty("detail", new StringSchema().description("这一次出错的说明"))
			.addProperty("instance", new StringSchema().format("uri-reference").description("出错的请求路径"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
						.description("校验失败时：每个出错字段一项"))
			.required(List.of("type", "title", "status"));
	}

	@SuppressWarnings("rawtypes")
	private static Schema fieldErrorSchema() {
		return new ObjectSchema().description("一个字段的校验错误")
			.addProperty("field", new StringSchema().description("字段路径").example("contact.phone"))
			.addProperty("message", new StringSchema().description("错误说明").example("手机号格式不正确"))
			.required(List.of("field", "message"));
	}

}
