package com.accesspath.ranking.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.config.RankingProperties;

/**
 * Refuses to start with a shard count other than the one the data in Redis was written
 * with: an article's shard follows from the count, so a changed count would count its new
 * views beside its old total and split its hot-list entries. The first replica on an
 * empty Redis records its count.
 */
@Component
class ShardCountGuard implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ShardCountGuard.class);

	private final StringRedisTemplate redis;

	private final int shards;

	ShardCountGuard(StringRedisTemplate redis, RankingProperties properties) {
		this.redis = redis;
		this.shards = properties.shards();
	}

	@Override
	public void run(ApplicationArguments args) {
		check();
	}

	void check() {
		String stored;
		try {
			this.redis.opsForValue().setIfAbsent(RankingKeys.shardCount(), Integer.toString(this.shards));
			stored = this.redis.opsForValue().get(RankingKeys.shardCount());
		}
		catch (DataAccessException ex) {
			// A Redis outage must not stop the start (views answer 503 until it is back).
			log.warn("Could not compare the shard count with Redis's: {}", ex.getMessage());
			return;
		}
		if (stored != null && !stored.equals(Integer.toString(this.shards))) {
			throw new IllegalStateException(
					"RANKING_SHARDS is " + this.shards + " but the data in Redis was written with " + stored
							+ " shards (key " + RankingKeys.shardCount() + "). Set RANKING_SHARDS=" + stored
							+ ", or move the data first (README, 'Running ranking on Redis Cluster').");
		}
	}

}
