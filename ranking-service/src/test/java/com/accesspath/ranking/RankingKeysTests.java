package com.accesspath.ranking;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis key layout (see {@link RankingKeys}): every key in one hash slot, hour
 * buckets in UTC.
 */
class RankingKeysTests {

	static final Instant AT = Instant.parse("2026-03-04T02:59:59.999Z");

	@Test
	void everyKeyCarriesTheHashTag() {
		assertThat(RankingKeys.seen("a1", "abc")).isEqualTo("rk:{rk}:seen:a1:abc");
		assertThat(RankingKeys.totals()).isEqualTo("rk:{rk}:total");
		assertThat(RankingKeys.restoredMarker()).isEqualTo("rk:{rk}:restored");
		assertThat(RankingKeys.restoredIds()).isEqualTo("rk:{rk}:restored-ids");
		assertThat(RankingKeys.dirty()).isEqualTo("rk:{rk}:dirty");
		assertThat(RankingKeys.dirtyDraining()).isEqualTo("rk:{rk}:dirty-draining");
		assertThat(RankingKeys.snapshotLease()).isEqualTo("rk:{rk}:snapshot-lease");
		assertThat(RankingKeys.union("hot:24h:*")).isEqualTo("rk:{rk}:u:hot:24h:*");
	}

	@Test
	void hourBucketsAreNamedByTheUtcHour() {
		assertThat(RankingKeys.siteHour(AT)).isEqualTo("rk:{rk}:h:site:2026030402");
		assertThat(RankingKeys.categoryHour("policy", AT)).isEqualTo("rk:{rk}:h:cat:policy:2026030402");
		assertThat(RankingKeys.tagHour(AT)).isEqualTo("rk:{rk}:h:tag:2026030402");
	}

	@Test
	void aWindowIsItsHoursNewestFirstTheCurrentOneIncluded() {
		assertThat(RankingKeys.hours(AT, 3)).containsExactly(Instant.parse("2026-03-04T02:00:00Z"),
				Instant.parse("2026-03-04T01:00:00Z"), Instant.parse("2026-03-04T00:00:00Z"));
		assertThat(RankingKeys.hours(AT, 24 * 7)).hasSize(168).last().isEqualTo(Instant.parse("2026-02-25T03:00:00Z"));
	}

	@Test
	void bucketsOutliveTheLongestWindow() {
		assertThat(RankingKeys.BUCKET_TTL_SECONDS).isGreaterThan(7 * 24 * 3600);
	}

}
