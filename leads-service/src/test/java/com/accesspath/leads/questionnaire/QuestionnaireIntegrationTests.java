package com.accesspath.leads.questionnaire;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /api/diagnosis/questionnaire}. */
class QuestionnaireIntegrationTests extends LeadsIntegrationTest {

	@Test
	void sixDimensionsOfThreeQuestionsWithOptionsOneToFive() throws Exception {
		String body = mvc.perform(get("/api/diagnosis/questionnaire"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value("2026.1"))
			.andExpect(jsonPath("$.dimensions", hasSize(6)))
			.andExpect(jsonPath("$.dimensions[0].name").value("战略"))
			.andExpect(jsonPath("$.dimensions[0].recommendation").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<Integer> values = JsonPath.read(body, "$.dimensions[*].questions[*].options[*].value");
		assertThat(values).hasSize(18 * 5).allMatch(value -> value >= 1 && value <= 5);
	}

}
