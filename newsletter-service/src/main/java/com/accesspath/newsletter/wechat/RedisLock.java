package com.accesspath.newsletter.wechat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A lock one replica holds for a lease (SET NX PX with a random owner): released or
 * renewed only by its owner, so a holder that outlived its lease never frees or extends
 * the lock another replica took since.
 */
final class RedisLock implements AutoCloseable {

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private static final RedisScript<Long> RENEW = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
			Long.class);

	private final StringRedisTemplate redis;

	private final String key;

	private final String owner;

	private RedisLock(StringRedisTemplate redis, String key, String owner) {
		this.redis = redis;
		this.key = key;
		this.owner = owner;
	}

	/** The lock, or empty when another holds it. */
	static Optional<RedisLock> tryAcquire(StringRedisTemplate redis, String key, Duration lease) {
		String owner = UUID.randomUUID().toString();
		if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, owner, lease))) {
			return Optional.of(new RedisLock(redis, key, owner));
		}
		return Optional.empty();
	}

	/** Whether the lock is still this one's (now for another {@code lease}). */
	boolean renew(Duration lease) {
		Long renewed = this.redis.execute(RENEW, List.of(this.key), this.owner, Long.toString(lease.toMillis()));
		return renewed != null && renewed == 1;
	}

	/** A random id, unique to this holding. */
	String owner() {
		return this.owner;
	}

	@Override
	public void close() {
		this.redis.execute(RELEASE, List.of(this.key), this.owner);
	}

}
