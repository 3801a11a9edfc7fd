package com.accesspath.leads.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.questionnaire.Questionnaire;

/**
 * Scores answers: a dimension is the mean of its answers mapped from 1–5 to 0–100, the
 * overall score the mean of the dimensions, the level the questionnaire's band for it.
 * What the report advises is {@code ReportPlanner}'s.
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

	/** The scores of a diagnosis: per dimension, overall and its level. */
	record Scores(int overall, Questionnaire.Level level, List<Report.DimensionScore> dimensions) {
	}

	Scores score(Questionnaire questionnaire, Map<String, Integer> answers) {
		List<Report.DimensionScore> dimensions = new ArrayList<>();
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
		}
		int overall = (int) Math.round((double) total / dimensions.size());
		return new Scores(overall, questionnaire.levelOf(overall), dimensions);
	}

}
