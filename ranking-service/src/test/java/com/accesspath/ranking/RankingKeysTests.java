package com.accesspath.ranking;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import com.accesspath.ranking.RankingKeys.Shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Redis key layout (see {@link RankingKeys}): a shard's keys in one slot, the shards'
 * slots spread evenly, hour buckets in UTC.
 */
class RankingKeysTests {

	static final Instant AT = Instant.parse("2026-03-04T02:59:59.999Z");

	final RankingKeys keys = new RankingKeys(16);

	@Test
	void everyKeyOfAShardSitsInTheShardsSlot() {
		for (Shard shard : this.keys.shards()) {
			int slot = SlotHash.getSlot(shard.totals());
			assertThat(List.of(shard.seen("a1", "abc"), shard.dirty(), shard.dirtyDraining(), shard.restoredMarker(),
					shard.restoredIds(), shard.siteHour(AT), shard.categoryHour("policy", AT), shard.tagHour(AT),
					shard.leavesOfHour(AT), shard.siteWindow("24h"), shard.categoryWindow("7d", "policy"),
					shard.tagWindow(), shard.expiredThrough("7d"), shard.expiring()))
				.allSatisfy(key -> assertThat(SlotHash.getSlot(key)).isEqualTo(slot));
		}
		assertThat(this.keys.shards().get(3).totals()).isEqualTo("rk:{" + this.keys.shards().get(3).tag() + "}:total");
	}

	@Test
	void shardsTakeEvenlySpacedSlotsSoEveryMasterOfAClusterGetsItsShare() {
		for (int count : new int[] { 1, 3, 16, 100 }) {
			RankingKeys layout = new RankingKeys(count);
			for (Shard shard : layout.shards()) {
				int slot = SlotHash.getSlot(shard.totals());
				assertThat(slot).isGreaterThanOrEqualTo(shard.index() * RankingKeys.SLOTS / count)
					.isLessThan((shard.index() + 1) * RankingKeys.SLOTS / count);
			}
		}
		// Three masters with the usual even ranges (0-5460, 5461-10922, 10923-16383).
		Set<Integer> masters = new HashSet<>();
		this.keys.shards().forEach(shard -> masters.add(SlotHash.getSlot(shard.totals()) * 3 / RankingKeys.SLOTS));
		assertThat(masters).containsExactlyInAnyOrder(0, 1, 2);
	}

	@Test
	void anArticlesShardIsFixedByItsIdAndArticlesSpreadOverAllShards() {
		assertThat(this.keys.shardOf("a1")).isEqualTo(new RankingKeys(16).shardOf("a1"));
		Set<Integer> used = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			used.add(this.keys.shardOf("6747d2f0c1a2b3c4d5e6f" + i).index());
		}
		assertThat(used).hasSize(16);
	}

	@Test
	void theShardCountIsBounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RankingKeys(0));
		assertThat(new RankingKeys(1).shards()).hasSize(1);
	}

	@Test
	void hourBucketsAreNamedByTheUtcHour() {
		Shard shard = this.keys.shards().get(0);
		assertThat(shard.siteHour(AT)).endsWith("}:h:site:2026030402");
		assertThat(shard.categoryHour("policy", AT)).endsWith("}:h:cat:policy:2026030402");
		assertThat(shard.tagHour(AT)).endsWith("}:h:tag:2026030402");
		assertThat(RankingKeys.parseHour("2026030402")).isEqualTo(Instant.parse("2026-03-04T02:00:00Z"));
	}

	@Test
	void bucketsOutliveTheLongestWindow() {
		assertThat(RankingKeys.BUCKET_TTL_SECONDS).isGreaterThan(7 * 24 * 3600);
	}

}
