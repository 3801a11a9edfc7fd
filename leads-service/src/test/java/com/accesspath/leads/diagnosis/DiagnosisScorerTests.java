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
			40, List.of(new Dimension("strategy", "战略", "明确战略", List.of(question("s1"), question("s2"))),
					new Dimension("data", "数据", "夯实数据", List.of(question("d1")))));

	final DiagnosisScorer scorer = new DiagnosisScorer();

	static Question question(String key) {
		return new Question(key, "问题 " + key,
				IntStream.rangeClosed(1, 5).mapToObj(value -> new Option(value, "选项 " + value)).toList());
	}

	@Nested
	class Score {

		@Test
		void answersOneToFiveMapToZeroToHundredAndTheLevelIsTheBandOfTheOverallScore() {
			Report report = scorer.score(QUESTIONNAIRE, Map.of("s1", 3, "s2", 3, "d1", 3), null);
			assertThat(report.dimensions()).extracting(Report.DimensionScore::score).containsExactly(50, 50);
			assertThat(report.overall()).isEqualTo(50);
			assertThat(report.level()).isEqualTo(3);
			assertThat(report.levelName()).isEqualTo("规范级");
			assertThat(report.percentile()).isNull();
		}

		@Test
		void aDimensionIsTheMeanOfItsAnswersAndWeakDimensionsBringTheirRecommendation() {
			Report report = scorer.score(QUESTIONNAIRE, Map.of("s1", 5, "s2", 4, "d1", 1), 70);
			// strategy: mean 4.5 → 87.5 → 88; data: 0; overall (88 + 0) / 2 = 44.
			assertThat(report.dimensions()).extracting(Report.DimensionScore::score).containsExactly(88, 0);
			assertThat(report.overall()).isEqualTo(44);
			assertThat(report.level()).isEqualTo(3);
			assertThat(report.recommendations()).containsExactly("数据:夯实数据");
			assertThat(report.percentile()).isEqualTo(70);
		}

		@Test
		void withoutWeakDimensionsTheAdviceIsToScale() {
			Report report = scorer.score(QUESTIONNAIRE, Map.of("s1", 5, "s2", 5, "d1", 5), null);
			assertThat(report.overall()).isEqualTo(100);
			assertThat(report.level()).isEqualTo(5);
			assertThat(report.recommendations()).singleElement().asString().contains("规模化");
		}

		@Test
		void theLowestAnswersAreLevelOne() {
			assertThat(scorer.overallOf(QUESTIONNAIRE, Map.of("s1", 1, "s2", 1, "d1", 1))).isZero();
			assertThat(scorer.score(QUESTIONNAIRE, Map.of("s1", 1, "s2", 1, "d1", 1), null).level()).isEqualTo(1);
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
