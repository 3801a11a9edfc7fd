package com.accesspath.gateway.edgecache;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Empties the edge cache of every gateway replica after an article write: this replica at
 * once, the others through a Redis pub/sub message. Without Redis the others keep what
 * they have until it expires (the TTL, seconds), which the log says once per outage; the
 * subscription comes back by itself.
 */
@Component
public class EdgeCacheInvalidation implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EdgeCacheInvalidation.class);

	/** Tells this replica's own messages from the others'. */
	private final String replica = UUID.randomUUID().toString();

	private final EdgeCache cache;

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveRedisConnectionFactory connections;

	private final ChannelTopic channel;

	private final AtomicBoolean publishFailing = new AtomicBoolean();

	private volatile Disposable subscription;

	EdgeCacheInvalidation(EdgeCache cache, ReactiveStringRedisTemplate redis,
			ReactiveRedisConnectionFactory connections, EdgeCacheProperties properties) {
		this.cache = cache;
		this.redis = redis;
		this.connections = connections;
		this.channel = ChannelTopic.of(properties.invalidationChannel());
	}

	/** Empties this replica's cache and tells the others to empty theirs. */
	public void invalidateAll() {
		this.cache.clear();
		this.redis.convertAndSend(this.channel.getTopic(), this.replica)
			.timeout(Duration.ofSeconds(2))
			.subscribe(receivers -> this.publishFailing.set(false), error -> {
				if (this.publishFailing.compareAndSet(false, true)) {
					log.warn("Edge cache invalidation not published ({}): other gateway replicas keep their cached "
							+ "answers until they expire", error.toString());
				}
			});
	}

	@Override
	public void start() {
		AtomicBoolean down = new AtomicBoolean();
		// A new listener container per attempt: one whose connection broke is not reused.
		this.subscription = Flux
			.usingWhen(Mono.fromCallable(() -> new ReactiveRedisMessageListenerContainer(this.connections)),
					container -> container.receive(this.channel), ReactiveRedisMessageListenerContainer::destroyLater)
			.doOnSubscribe(s -> {
				if (down.compareAndSet(true, false)) {
					log.info("Edge cache invalidations from other replicas are received again");
				}
			})
			.doOnError(error -> {
				if (down.compareAndSet(false, true)) {
					log.warn("Edge cache invalidations from other replicas are not received ({}); retrying",
							error.toString());
				}
			})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
			// A subscription that ended without an error (the connection closed cleanly)
			// is made again too.
			.repeatWhen(ended -> ended.delayElements(Duration.ofSeconds(1)))
			.filter(message -> !this.replica.equals(message.getMessage()))
			.subscribe(message -> this.cache.clear());
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
		this.subscription = null;
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
