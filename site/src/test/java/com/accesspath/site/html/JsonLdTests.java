package com.accesspath.site.html;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLdTests {

	@Test
	void nothingInTheTextCanEndTheScriptAndTheDataReadsBack() {
		String hostile = "</script><!-- & \u2028\u2029 \"'";
		String script = JsonLd.script(Map.of("headline", hostile));
		assertThat(script).doesNotContain("<")
			.doesNotContain(">")
			.doesNotContain("&")
			.doesNotContain("\u2028")
			.doesNotContain("\u2029");
		assertThat(JsonMapper.builder().build().readTree(script).get("headline").asString()).isEqualTo(hostile);
	}

}
