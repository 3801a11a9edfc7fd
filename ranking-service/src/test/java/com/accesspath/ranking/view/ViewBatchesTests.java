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
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.view.ViewBatches.PendingView;
import com.accesspath.ranking.view.ViewBatches.Stored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How a shard's views in a batch become one script call's keys and arguments, and its
 * answer one answer per view.
 */
class ViewBatchesTests {

	static final Instant NOW = Instant.parse("2026-03-04T02:30:00Z");

	static final Shard SHARD = new RankingKeys(16).shards().get(3);

	static PendingView view(String articleId, String leaf, String... tags) {
		return new PendingView(articleId, "v-" + articleId, leaf, List.of(tags), new CompletableFuture<>());
	}

	@Test
	void keysAreTheShardsSharedOnesThenFourPerView() {
		List<String> keys = ViewBatches.scriptKeys(SHARD, List.of(view("a", "policy", "x"), view("b", null)), NOW);
		assertThat(keys).containsExactly(SHARD.totals(), SHARD.dirty(), SHARD.siteHour(NOW), SHARD.tagHour(NOW),
				SHARD.leavesOfHour(NOW), SHARD.siteWindow("24h"), SHARD.siteWindow("7d"), SHARD.tagWindow(),
				SHARD.seen("a", "v-a"), SHARD.categoryHour("policy", NOW), SHARD.categoryWindow("24h", "policy"),
				SHARD.categoryWindow("7d", "policy"), SHARD.seen("b", "v-b"), SHARD.siteHour(NOW),
				SHARD.siteWindow("24h"), SHARD.siteWindow("7d"));
		assertThat(keys).allSatisfy(key -> assertThat(key).contains("{" + SHARD.tag() + "}"));
	}

	@Test
	void argumentsAreTheWindowAndTtlThenEachViewWithItsTags() {
		List<String> args = ViewBatches.scriptArgs(List.of(view("a", "policy", "x", "y"), view("b", null)),
				Duration.ofMinutes(30));
		assertThat(args).containsExactly("1800", Long.toString(RankingKeys.BUCKET_TTL_SECONDS), "a", "policy", "2", "x",
				"y", "b", "", "0");
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
		ViewBatches batches = new ViewBatches(null, null, null, null, new SimpleMeterRegistry());
		CompletableFuture<Stored> stored = batches.submit("a", "v-a", null, List.of());
		assertThat(stored).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataAccessResourceFailureException.class);
	}

}
