package com.accesspath.ranking.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.accesspath.ranking.RankingKeys;

/**
 * A job that must run on one replica at a time (the totals snapshot, the hot lists'
 * upkeep) takes a lease in Redis: taken when free, renewed by its holder, lapsing on its
 * own when the holder dies.
 */
public final class Lease {

	private static final RedisScript<Long> HOLD = RedisScript.of(RankingKeys.script("scripts/lease.lua"), Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of(RankingKeys.script("scripts/release-lease.lua"),
			Long.class);

	private final StringRedisTemplate redis;

	private final String key;

	private final Duration duration;

	/** This replica's name in the lease. */
	private final String token = UUID.randomUUID().toString();

	public Lease(StringRedisTemplate redis, String key, Duration duration) {
		this.redis = redis;
		this.key = key;
		this.duration = duration;
	}

	/** Takes or renews the lease; true while this replica holds it. */
	public boolean hold() {
		Long held = this.redis.execute(HOLD, List.of(this.key), this.token, Long.toString(this.duration.toMillis()));
		return held != null && held == 1;
	}

	/** Gives the lease up, if this replica still holds it. */
	public void release() {
		this.redis.execute(RELEASE, List.of(this.key), this.token);
	}

}
