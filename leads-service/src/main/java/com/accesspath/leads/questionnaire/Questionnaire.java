package com.accesspath.leads.questionnaire;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The AI-maturity questionnaire (versioned data, {@code questionnaire/ai-maturity.yml}).
 * {@code levels} and {@code weakBelow} are used for scoring and are not sent to clients;
 * what the report advises per dimension is {@code report/ai-maturity-roadmap.yml}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "企业 AI 成熟度诊断问卷")
public record Questionnaire(@Schema(description = "问卷版本", example = "2026.1") String version,
		@Schema(hidden = true) @JsonProperty(access = Access.WRITE_ONLY) List<Level> levels,
		@Schema(hidden = true) @JsonProperty(access = Access.WRITE_ONLY) int weakBelow,
		@Schema(description = "评估维度") List<Dimension> dimensions) {

	public record Level(int level, String name, int from) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@Schema(description = "评估维度")
	public record Dimension(@Schema(description = "维度 key", example = "strategy") String key,
			@Schema(description = "维度名称", example = "战略") String name,
			@Schema(description = "本维度的题目") List<Question> questions) {
	}

	@Schema(description = "题目")
	public record Question(@Schema(description = "题目 key,即 answers 的键", example = "strategy_vision") String key,
			@Schema(description = "题目", example = "企业是否有明确的 AI 愿景与战略规划?") String text,
			@Schema(description = "选项,单选") List<Option> options) {

		public boolean accepts(int value) {
			return this.options.stream().anyMatch(option -> option.value() == value);
		}

	}

	@Schema(description = "选项")
	public record Option(@Schema(description = "选项分值,即 answers 的值", example = "3") int value,
			@Schema(description = "选项文字", example = "有初步规划,部分部门认同") String label) {
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
