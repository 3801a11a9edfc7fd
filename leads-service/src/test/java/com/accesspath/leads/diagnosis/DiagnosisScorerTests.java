package com.accesspath.leads.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.questionnaire.Questionnaire;
import com.accesspath.leads.questionnaire.Questionnaire.Dimension;
import com.accesspath.leads.questionnaire.Questionnaire.Level;
import com.accesspath.leads.questionnaire.Questionnaire.Option;
import com.accesspath.leads.questionnaire.Questionnaire.Question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scoring without Spring or a database: a small questionnaire of two dimensions. */
class DiagnosisScorerTests {

	static final Questionnaire QUESTIONNAIRE = new Questionnaire("t1",
			List.of(new Level(1, "初始级", 0), new Level(2, "探索级", 20), new Level(3, "规范级", 40), new Level(4, "优化级", 60),
					new Level(5, "引领级", 80)),
			40, List.of(new Dimension("strategy", "战略", List.of(question("s1"), question("s2"))),
					new Dimension("data", "数据", List.of(question("d1")))));

	final DiagnosisScorer scorer = new DiagnosisScorer();

	static Question question(String key) {
		return new Question(key, "问题 " + key,
				IntStream.rangeClosed(1, 5).mapToObj(value -> new Option(value, "选项 " + value)).toList());
	}

	@Nested
	class Score {

		@Test
		void answersOneToFiveMapToZeroToHundredAndTheLevelIsTheBandOfTheOverallScore() {
			DiagnosisScorer.Scores scores = scorer.score(QUESTIONNAIRE, Map.of("s1", 3, "s2", 3, "d1", 3));
			assertThat(scores.dimensions()).extracting(Report.DimensionScore::score).containsExactly(50, 50);
			assertThat(scores.overall()).isEqualTo(50);
			assertThat(scores.level().level()).isEqualTo(3);
			assertThat(scores.level().name()).isEqualTo("规范级");
		}

		@Test
		void aDimensionIsTheMeanOfItsAnswers() {
			DiagnosisScorer.Scores scores = scorer.score(QUESTIONNAIRE, Map.of("s1", 5, "s2", 4, "d1", 1));
			// strategy: mean 4.5 → 87.5 → 88; data: 0; overall (88 + 0) / 2 = 44.
			assertThat(scores.dimensions()).extracting(Report.DimensionScore::score).containsExactly(88, 0);
			assertThat(scores.overall()).isEqualTo(44);
			assertThat(scores.level().level()).isEqualTo(3);
		}

		@Test
		void theHighestAnswersAreLevelFiveAndTheLowestLevelOne() {
			assertThat(scorer.score(QUESTIONNAIRE, Map.of("s1", 5, "s2", 5, "d1", 5)).overall()).isEqualTo(100);
			assertThat(scorer.score(QUESTIONNAIRE, Map.of("s1", 5, "s2", 5, "d1", 5)).level().level()).isEqualTo(5);
			assertThat(scorer.score(QUESTIONNAIRE, Map.of("s1", 1, "s2", 1, "d1", 1)).overall()).isZero();
			assertThat(scorer.score(QUESTIONNAIRE, Map.of("s1", 1, "s2", 1, "d1", 1)).level().level()).isEqualTo(1);
		}

	}

	@Nested
	class Validate {

		@Test
		void everyQuestionAnsweredWithAnOptionPasses() {
			scorer.validate(QUESTIONNAIRE, Map.of("s1", 1, "s2", 5, "d1", 3));
		}

		@Test
		void anUnknownQuestionIsNamed() {
			assertThatThrownBy(() -> scorer.validate(QUESTIONNAIRE, Map.of("s1", 1, "s2", 5, "d1", 3, "nope", 3)))
				.isInstanceOfSatisfying(InvalidInputException.class,
						ex -> assertThat(ex.field()).isEqualTo("answers.nope"));
		}

		@Test
		void aMissingAnswerIsNamed() {
			assertThatThrownBy(() -> scorer.validate(QUESTIONNAIRE, Map.of("s1", 1, "s2", 5))).isInstanceOfSatisfying(
					InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("answers.d1"));
		}

		@Test
		void aValueThatIsNotAnOptionIsNamed() {
			assertThatThrownBy(() -> scorer.validate(QUESTIONNAIRE, Map.of("s1", 1, "s2", 9, "d1", 3)))
				.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
					assertThat(ex.field()).isEqualTo("answers.s2");
					assertThat(ex.getMessage()).contains("options");
				});
		}

	}

}
