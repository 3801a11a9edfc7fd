package com.accesspath.leads.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the questionnaire once at start-up; a malformed file stops the service rather
 * than scoring wrongly.
 */
@Component
public class QuestionnaireSource {

	static final String LOCATION = "questionnaire/ai-maturity.yml";

	private final Questionnaire questionnaire;

	QuestionnaireSource(JsonMapper json) throws IOException {
		try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
			Map<String, Object> raw = new Yaml().load(in);
			this.questionnaire = json.rebuild()
				.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.build()
				.convertValue(raw, Questionnaire.class);
		}
		if (this.questionnaire.dimensions().isEmpty() || this.questionnaire.levels().size() != 5) {
			throw new IllegalStateException(LOCATION + " needs dimensions and five levels");
		}
	}

	public Questionnaire current() {
		return this.questionnaire;
	}

}
