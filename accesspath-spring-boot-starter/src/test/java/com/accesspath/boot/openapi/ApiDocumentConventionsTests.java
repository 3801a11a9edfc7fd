package com.accesspath.boot.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentConventionsTests {

	private final OpenAPI api = new OpenAPI().paths(new Paths());

	@Test
	void adminOperationsNeedTheBearerTokenAndOthersArePublicExplicitly() {
		Operation admin = operation();
		Operation open = operation();
		this.api.getPaths().addPathItem("/api/admin/leads", new PathItem().get(admin));
		this.api.getPaths().addPathItem("/api/articles", new PathItem().get(open));

		new ApiDocumentConventions().customise(this.api);

		assertThat(admin.getSecurity()).singleElement()
			.satisfies((requirement) -> assertThat(requirement).containsKey(ApiDocumentConventions.BEARER));
		assertThat(admin.getResponses()).containsKeys("200", "400", "401", "403", "503");
		assertThat(open.getSecurity()).isEmpty();
		assertThat(open.getResponses()).containsKeys("200", "400", "503").doesNotContainKeys("401", "403", "404");
		assertThat(this.api.getComponents().getSecuritySchemes()).containsKey(ApiDocumentConventions.BEARER);
	}

	@Test
	void errorsAreProblemJsonAndReplaceTheOnesDerivedFromExceptionHandlers() {
		Operation write = operation();
		write.getResponses()
			.addApiResponse("500",
					new ApiResponse().description("Internal Server Error")
						.content(new Content().addMediaType("*/*",
								new MediaType().schema(new Schema<>().$ref("ProblemDetail")))));
		write.requestBody(new RequestBody().content(new Content().addMediaType("application/json", new MediaType())))
			.addParametersItem(new HeaderParameter().name("Idempotency-Key"));
		this.api.getPaths().addPathItem("/api/diagnosis", new PathItem().post(write));

		new ApiDocumentConventions().customise(this.api);

		assertThat(write.getResponses()).containsOnlyKeys("200", "400", "413", "415", "422", "503");
		assertThat(write.getResponses().get("503").get$ref()).isEqualTo("#/components/responses/ServiceUnavailable");
		ApiResponse unavailable = this.api.getComponents().getResponses().get("ServiceUnavailable");
		assertThat(unavailable.getContent()).containsOnlyKeys("application/problem+json");
		assertThat(unavailable.getContent().get("application/problem+json").getSchema().get$ref())
			.isEqualTo("#/components/schemas/Problem");
		assertThat(unavailable.getHeaders()).containsKey("Retry-After");
		assertThat(this.api.getComponents().getSchemas()).containsKeys("Problem", "FieldError");
	}

	@Test
	void oneResourceHasItsNotFoundAndAnAdminWriteItsConflictAndStaleVersion() {
		Operation patch = operation().addParametersItem(new HeaderParameter().name("If-Match"));
		this.api.getPaths().addPathItem("/api/admin/leads/{id}", new PathItem().patch(patch));

		new ApiDocumentConventions().customise(this.api);

		assertThat(patch.getResponses()).containsKeys("404", "409", "412");
	}

	@Test
	void whatATokenFindsCanBeNotFound() {
		Operation confirm = operation().addParametersItem(new QueryParameter().name("token"));
		this.api.getPaths().addPathItem("/api/subscriptions/confirm", new PathItem().get(confirm));

		new ApiDocumentConventions().customise(this.api);

		assertThat(confirm.getResponses()).containsKey("404");
	}

	@Test
	void springsErrorPathIsNotPartOfTheApi() {
		this.api.getPaths().addPathItem("/error", new PathItem().get(operation()));

		new ApiDocumentConventions().customise(this.api);

		assertThat(this.api.getPaths()).doesNotContainKey("/error");
	}

	private static Operation operation() {
		return new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
	}

}
