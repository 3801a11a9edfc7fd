package com.accesspath.ranking.redis;

import java.util.Properties;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks that Redis never evicts ranking's keys: with any {@code maxmemory-policy} but
 * {@code noeviction}, a full Redis silently drops repeat-window markers (a visitor's
 * views count twice), hour buckets (hot lists) and the dirty set (changed totals not
 * snapshotted). Checked at start-up (a WARN when evicting or when the policy cannot be
 * read, as on a managed Redis that refuses {@code CONFIG}) and on every health request:
 * the {@code redisEvictionPolicy} health component stays UP and carries the policy as a
 * detail; the gauge {@code ranking.redis.eviction.safe} is 1 (noeviction), 0 (evicts) or
 * -1 (could not be checked).
 */
@Component
public class RedisEvictionPolicy implements HealthIndicator {

	static final String SETTING = "maxmemory-policy";

	static final String SAFE_POLICY = "noeviction";

	private static final Logger log = LoggerFactory.getLogger(RedisEvictionPolicy.class);

	/** What the last check found. */
	public enum State {

		/** {@code noeviction}: Redis refuses writes when full, never drops a key. */
		SAFE(1),
		/** Any other policy: Redis may drop keys when full. */
		EVICTING(0),
		/** {@code CONFIG GET} refused or failed. */
		UNKNOWN(-1);

		private final int gauge;

		State(int gauge) {
			this.gauge = gauge;
		}

	}

	/** {@code policy} is null when it could not be read; {@code reason} says why. */
	public record Check(State state, String policy, String reason) {
	}

	private final StringRedisTemplate redis;

	private volatile Check last = new Check(State.UNKNOWN, null, "not checked yet");

	RedisEvictionPolicy(StringRedisTemplate redis, MeterRegistry meters) {
		this.redis = redis;
		Gauge.builder("ranking.redis.eviction.safe", this, policy -> policy.last.state().gauge)
			.description("1: Redis's maxmemory-policy is noeviction; 0: Redis may evict ranking's keys; "
					+ "-1: the policy could not be read")
			.register(meters);
	}

	@EventListener(ApplicationReadyEvent.class)
	void checkAtStart() {
		Check check = check();
		if (check.state() == State.SAFE) {
			log.info("Redis {} is {}", SETTING, check.policy());
		}
	}

	/** Reads the policy; logs a WARN whenever the answer differs from the last one. */
	public Check check() {
		Check check = read();
		Check previous = this.last;
		this.last = check;
		if (!check.equals(previous)) {
			if (check.state() == State.EVICTING) {
				log.warn(
						"Redis {} is {}, not {}: when Redis is full it drops keys: repeat-window markers "
								+ "(views counted twice), hour buckets and changed totals not yet snapshotted. "
								+ "Set {} {} (see README, running on a managed Redis).",
						SETTING, check.policy(), SAFE_POLICY, SETTING, SAFE_POLICY);
			}
			else if (check.state() == State.UNKNOWN) {
				log.warn("Redis {} could not be checked ({}): make sure it is {}", SETTING, check.reason(),
						SAFE_POLICY);
			}
		}
		return check;
	}

	private Check read() {
		Properties config;
		try {
			config = this.redis
				.execute((RedisCallback<Properties>) connection -> connection.serverCommands().getConfig(SETTING));
		}
		catch (RuntimeException ex) {
			// A refused CONFIG (managed Redis, an ACL) or an unreachable Redis: never a
			// reason to stop.
			return new Check(State.UNKNOWN, null, ex.getMessage());
		}
		// A cluster answers per node ("host:port.maxmemory-policy"): every node must be
		// safe.
		String policy = null;
		if (config != null) {
			for (String key : config.stringPropertyNames()) {
				if (key.equals(SETTING) || key.endsWith("." + SETTING)) {
					String value = config.getProperty(key);
					if (policy == null || !SAFE_POLICY.equalsIgnoreCase(value)) {
						policy = value;
					}
				}
			}
		}
		if (policy == null) {
			return new Check(State.UNKNOWN, null, "CONFIG GET " + SETTING + " answered nothing");
		}
		return new Check(SAFE_POLICY.equalsIgnoreCase(policy) ? State.SAFE : State.EVICTING, policy, null);
	}

	/** Always UP (an eviction policy is a risk, not an outage); the policy as details. */
	@Override
	public Health health() {
		Check check = check();
		Health.Builder health = Health.up().withDetail("state", check.state());
		if (check.policy() != null) {
			health.withDetail(SETTING, check.policy());
		}
		if (check.reason() != null) {
			health.withDetail("reason", check.reason());
		}
		return health.build();
	}

}
