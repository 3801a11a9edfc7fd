package com.accesspath.ranking.view;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.view.ViewBatches.PendingView;
import com.accesspath.ranking.view.ViewBatches.Stored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How a batch of views becomes one script call's keys and arguments, and its answer one
 * answer per view.
 */
class ViewBatchesTests {

	static final Instant NOW = Instant.parse("2026-03-04T02:30:00Z");

	static PendingView view(String articleId, String leaf, String... tags) {
		return new PendingView(articleId, "seen-" + articleId, leaf, List.of(tags), new CompletableFuture<>());
	}

	@Test
	void keysAreTheSharedOnesThenTwoPerView() {
		List<String> keys = ViewBatches.scriptKeys(List.of(view("a", "policy", "x"), view("b", null)), NOW);
		assertThat(keys).containsExactly(RankingKeys.totals(), RankingKeys.siteHour(NOW), RankingKeys.tagHour(NOW),
				RankingKeys.dirty(), "seen-a", RankingKeys.categoryHour("policy", NOW), "seen-b",
				RankingKeys.siteHour(NOW));
	}

	@Test
	void argumentsAreTheWindowAndTtlThenEachViewWithItsTags() {
		List<Object> args = ViewBatches.scriptArgs(List.of(view("a", "policy", "x", "y"), view("b", null)),
				Duration.ofMinutes(30));
		assertThat(args).containsExactly("1800", Long.toString(RankingKeys.BUCKET_TTL_SECONDS), "a", "2", "x", "y", "b",
				"0");
	}

	@Test
	void theAnswerIsTwoNumbersPerView() {
		assertThat(ViewBatches.answers(List.of(1L, 5L, 0L, 5L), 2)).containsExactly(new Stored(true, 5),
				new Stored(false, 5));
	}

	@Test
	void anAnswerOfTheWrongSizeIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> ViewBatches.answers(List.of(1L), 1))
			.withMessageContaining("answered 1 values for 1 views");
		assertThatIllegalStateException().isThrownBy(() -> ViewBatches.answers(null, 1))
			.withMessageContaining("nothing");
	}

	@Test
	void aViewSubmittedWhileTheWriterIsStoppedFailsAtOnce() {
		ViewBatches batches = new ViewBatches(null, null, null, new SimpleMeterRegistry());
		CompletableFuture<Stored> stored = batches.submit("a", "seen-a", null, List.of());
		assertThat(stored).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataAccessResourceFailureException.class);
	}

}
