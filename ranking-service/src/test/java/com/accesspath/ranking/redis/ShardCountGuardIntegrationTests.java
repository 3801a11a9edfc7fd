package com.accesspath.ranking.redis;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.accesspath.ranking.RankingIntegrationTestSupport;
import com.accesspath.ranking.RankingKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A replica started with another shard count than the data's refuses to start. */
class ShardCountGuardIntegrationTests extends RankingIntegrationTestSupport {

	@Autowired
	ShardCountGuard guard;

	@Test
	void theFirstReplicaRecordsItsCountAndTheSameCountStarts() {
		assertThat(redis.hasKey(RankingKeys.shardCount())).isFalse();
		this.guard.check();
		assertThat(redis.opsForValue().get(RankingKeys.shardCount())).isEqualTo("16");
		this.guard.check();
	}

	@Test
	void anotherCountIsRefusedWithWhatToDo() {
		redis.opsForValue().set(RankingKeys.shardCount(), "8");
		assertThatIllegalStateException().isThrownBy(this.guard::check)
			.withMessageContaining("RANKING_SHARDS is 16 but the data in Redis was written with 8 shards")
			.withMessageContaining("Set RANKING_SHARDS=8");
		assertThat(redis.opsForValue().get(RankingKeys.shardCount())).as("left as it was").isEqualTo("8");
	}

}
