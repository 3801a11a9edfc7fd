package com.accesspath.boot.problem;

import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemJsonTests {

	@Test
	void aProblemHasTheDocumentedTypeStatusTitleDetailAndInstance() {
		String json = new String(ProblemJson.bytes(HttpStatus.CONTENT_TOO_LARGE, "Too big.", "/api/views"),
				StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(json, "$.type")).isEqualTo("https://accesspath.cn/problems/413");
		assertThat((Integer) JsonPath.read(json, "$.status")).isEqualTo(413);
		assertThat((String) JsonPath.read(json, "$.title")).isEqualTo("Content Too Large");
		assertThat((String) JsonPath.read(json, "$.detail")).isEqualTo("Too big.");
		assertThat((String) JsonPath.read(json, "$.instance")).isEqualTo("/api/views");
	}

	@Test
	void hostileTextStaysInsideItsString() {
		String hostile = "\"},\"status\":200,\"x\":\"\u0000\n</script><script>alert(1)</script>\\";
		String json = new String(ProblemJson.bytes(HttpStatus.BAD_REQUEST, hostile, "/a\"b"), StandardCharsets.UTF_8);
		assertThat((Integer) JsonPath.read(json, "$.status")).isEqualTo(400);
		assertThat((String) JsonPath.read(json, "$.detail")).isEqualTo(hostile);
		assertThat(json).doesNotContain("\u0000").doesNotContain("\n");
	}

	@Test
	void aValidationProblemNamesItsFieldLikeTheAdviceDoes() {
		String json = new String(ProblemJson.validationBytes("articleId", "must not be blank", "/api/views"),
				StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(json, "$.title")).isEqualTo(ProblemJson.VALIDATION_TITLE);
		assertThat((String) JsonPath.read(json, "$.errors[0].field")).isEqualTo("articleId");
		assertThat((String) JsonPath.read(json, "$.errors[0].message")).isEqualTo("must not be blank");
	}

	@Test
	void aPathThatIsNoValidUriIsStillReported() {
		String json = new String(ProblemJson.bytes(HttpStatus.BAD_REQUEST, "Bad.", "/a b%zz"), StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(json, "$.instance")).startsWith("/a");
	}

}
