package com.accesspath.leads.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.questionnaire.Questionnaire;

/**
 * Scores answers: a dimension is the mean of its answers mapped from 1–5 to 0–100, the
 * overall score the mean of the dimensions, the level the questionnaire's band for it;
 * weak dimensions bring their recommendations.
 */
@Component
class DiagnosisScorer {

	/** Every question answered with one of its options, and nothing else. */
	void validate(Questionnaire questionnaire, Map<String, Integer> answers) {
		for (String key : answers.keySet()) {
			if (questionnaire.question(key).isEmpty()) {
				throw new InvalidInputException("answers." + key,
						"is not a question of questionnaire " + questionnaire.version());
			}
		}
		for (Questionnaire.Dimension dimension : questionnaire.dimensions()) {
			for (Questionnaire.Question question : dimension.questions()) {
				Integer answer = answers.get(question.key());
				if (answer == null) {
					throw new InvalidInputException("answers." + question.key(), "must be answered");
				}
				if (!question.accepts(answer)) {
					throw new InvalidInputException("answers." + question.key(),
							"must be one of the question's options");
				}
			}
		}
	}

	Report score(Questionnaire questionnaire, Map<String, Integer> answers, Integer percentile) {
		List<Report.DimensionScore> dimensions = new ArrayList<>();
		List<String> recommendations = new ArrayList<>();
		int total = 0;
		for (Questionnaire.Dimension dimension : questionnaire.dimensions()) {
			double mean = dimension.questions()
				.stream()
				.mapToInt(question -> answers.get(question.key()))
				.average()
				.orElse(1);
			int score = (int) Math.round((mean - 1) / 4 * 100);
			dimensions.add(new Report.DimensionScore(dimension.key(), dimension.name(), score));
			total += score;
			if (score < questionnaire.weakBelow()) {
				recommendations.add(dimension.name() + ":" + dimension.recommendation());
			}
		}
		int overall = (int) Math.round((double) total / dimensions.size());
		Questionnaire.Level level = questionnaire.levelOf(overall);
		if (recommendations.isEmpty()) {
			recommendations.add("各维度均已达到良好水平:建议以规模化复制和持续创新为重点,保持治理与人才投入。");
		}
		return new Report(overall, level.level(), level.name(), dimensions, percentile, recommendations);
	}

	int overallOf(Questionnaire questionnaire, Map<String, Integer> answers) {
		return score(questionnaire, answers, null).overall();
	}

}
