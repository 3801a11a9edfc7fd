package com.accesspath.newsletter.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.newsletter.NewsletterKeys;
import com.accesspath.newsletter.config.NewsletterProperties;

/**
 * Paces emails to {@code send-rate-per-second} for all replicas together: one token
 * bucket in Redis (Bucket4j), holding one permit that comes back every
 * {@code 1 s / rate}, so emails leave evenly spaced rather than in bursts, whichever
 * replica sends them. While Redis cannot be asked, each replica paces its own emails at
 * the same rate (a local bucket): mail keeps going out, at most N replicas times the
 * rate, and the fallback is logged.
 */
@Component
public class MailPacing {

	private static final String REDIS = "redis (mail pacing)";

	private final Supplier<AbstractRedisClient> redis;

	private final byte[] key;

	private final BucketConfiguration configuration;

	private volatile Paced paced;

	private final Bucket local;

	private final Fallbacks fallbacks;

	/**
	 * The bucket as seen through one Redis client (the connection factory replaces its
	 * client when restarted).
	 */
	private record Paced(AbstractRedisClient client, Bucket bucket) {
	}

	@Autowired
	MailPacing(LettuceConnectionFactory redis, NewsletterProperties properties, Fallbacks fallbacks) {
		this(redis::getRequiredNativeClient, NewsletterKeys.mailPacing(), properties.sendRatePerSecond(), fallbacks);
	}

	/** A pacing over the bucket at {@code key} (replicas share it by sharing the key). */
	MailPacing(Supplier<AbstractRedisClient> redis, String key, int ratePerSecond, Fallbacks fallbacks) {
		this.redis = redis;
		this.key = key.getBytes(StandardCharsets.UTF_8);
		this.fallbacks = fallbacks;
		Duration interval = Duration.ofNanos(1_000_000_000L / ratePerSecond);
		Bandwidth onePermit = Bandwidth.builder().capacity(1).refillGreedy(1, interval).build();
		this.configuration = BucketConfiguration.builder().addLimit(onePermit).build();
		this.local = Bucket.builder().addLimit(onePermit).build();
	}

	private Bucket bucket() {
		AbstractRedisClient client = this.redis.get();
		Paced current = this.paced;
		if (current == null || current.client() != client) {
			synchronized (this) {
				current = this.paced;
				if (current == null || current.client() != client) {
					current = new Paced(client, proxies(client).builder().build(this.key, () -> this.configuration));
					this.paced = current;
				}
			}
		}
		return current.bucket();
	}

	private static ProxyManager<byte[]> proxies(AbstractRedisClient redis) {
		// The key expires once the bucket would be full again: an idle newsletter leaves
		// nothing in Redis.
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));
		if (redis instanceof RedisClient client) {
			return Bucket4jLettuce.casBasedBuilder(client).expirationAfterWrite(expiry).build();
		}
		if (redis instanceof RedisClusterClient client) {
			return Bucket4jLettuce.casBasedBuilder(client).expirationAfterWrite(expiry).build();
		}
		throw new IllegalStateException("Unsupported Redis client " + redis.getClass().getName());
	}

	/** Waits until this email may leave. */
	public void acquire() {
		try {
			try {
				bucket().asBlocking().consume(1);
				this.fallbacks.recovered(REDIS);
				return;
			}
			catch (RuntimeException ex) {
				this.fallbacks.degraded(REDIS, "mail paced by this replica alone", ex);
			}
			this.local.asBlocking().consume(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the mail pacing", ex);
		}
	}

	/**
	 * Whether the last permits came from this replica's own bucket (Redis unavailable).
	 */
	boolean isLocal() {
		return this.fallbacks.isDegraded(REDIS);
	}

	/** Takes a permit if one is free now, without waiting. */
	boolean tryAcquire() {
		return bucket().tryConsume(1);
	}

}
