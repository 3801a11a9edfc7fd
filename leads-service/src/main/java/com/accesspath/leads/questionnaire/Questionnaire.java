package com.accesspath.leads.questionnaire;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * The AI-maturity questionnaire (versioned data, {@code questionnaire/ai-maturity.yml}).
 * {@code levels}, {@code weakBelow} and the recommendations are used for scoring and are
 * not sent to clients.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Questionnaire(String version, @JsonProperty(access = Access.WRITE_ONLY) List<Level> levels,
		@JsonProperty(access = Access.WRITE_ONLY) int weakBelow, List<Dimension> dimensions) {

	public record Level(int level, String name, int from) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Dimension(String key, String name, @JsonProperty(access = Access.WRITE_ONLY) String recommendation,
			List<Question> questions) {
	}

	public record Question(String key, String text, List<Option> options) {

		public boolean accepts(int value) {
			return this.options.stream().anyMatch(option -> option.value() == value);
		}

	}

	public record Option(int value, String label) {
	}

	public Optional<Question> question(String key) {
		return this.dimensions.stream()
			.flatMap(dimension -> dimension.questions().stream())
			.filter(q -> q.key().equals(key))
			.findFirst();
	}

	public Level levelOf(int overall) {
		Level result = this.levels.get(0);
		for (Level level : this.levels) {
			if (overall >= level.from()) {
				result = level;
			}
		}
		return result;
	}

}
