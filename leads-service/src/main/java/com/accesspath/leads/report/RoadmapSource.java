package com.accesspath.leads.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.accesspath.leads.questionnaire.Questionnaire;
import com.accesspath.leads.questionnaire.QuestionnaireSource;

/**
 * Loads the roadmap once at start-up and checks it against the questionnaire: a
 * dimension, band or horizon without content stops the service rather than sending a
 * report with a hole in it.
 */
@Component
class RoadmapSource {

	static final String LOCATION = "report/ai-maturity-roadmap.yml";

	private final Roadmap roadmap;

	RoadmapSource(JsonMapper json, QuestionnaireSource questionnaires) throws IOException {
		try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
			Map<String, Object> raw = new Yaml().load(in);
			this.roadmap = json.rebuild()
				.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.build()
				.convertValue(raw, Roadmap.class);
		}
		List<String> holes = holes(this.roadmap, questionnaires.current());
		if (!holes.isEmpty()) {
			throw new IllegalStateException(LOCATION + " lacks " + String.join(", ", holes));
		}
	}

	/** What the roadmap lacks for the questionnaire, in words. */
	static List<String> holes(Roadmap roadmap, Questionnaire questionnaire) {
		List<String> holes = new ArrayList<>();
		if (roadmap.version() == null || roadmap.bands() == null || roadmap.bands().isEmpty()
				|| roadmap.focusDimensions() < 1 || roadmap.allStrong() == null || roadmap.dimensions() == null) {
			holes.add("version, bands, focusDimensions, allStrong or dimensions");
			return holes;
		}
		for (Questionnaire.Level level : questionnaire.levels()) {
			if (roadmap.levelSummaries() == null || roadmap.levelSummaries().get(level.level()) == null) {
				holes.add("levelSummaries." + level.level());
			}
		}
		if (roadmap.bands().get(roadmap.bands().size() - 1).below() <= 100) {
			holes.add("a last band for scores up to 100");
		}
		for (Questionnaire.Dimension dimension : questionnaire.dimensions()) {
			Roadmap.DimensionPlan plan = roadmap.dimensions().get(dimension.key());
			if (plan == null || plan.bands() == null) {
				holes.add("dimension " + dimension.key());
				continue;
			}
			for (Roadmap.Band band : roadmap.bands()) {
				Roadmap.BandPlan content = plan.bands().get(band.key());
				if (content == null || content.advice() == null) {
					holes.add(dimension.key() + "." + band.key());
					continue;
				}
				for (String horizon : Roadmap.HORIZONS) {
					List<String> actions = content.actions(horizon);
					if (actions == null || actions.isEmpty()) {
						holes.add(dimension.key() + "." + band.key() + "." + horizon);
					}
				}
			}
		}
		return holes;
	}

	Roadmap current() {
		return this.roadmap;
	}

}
