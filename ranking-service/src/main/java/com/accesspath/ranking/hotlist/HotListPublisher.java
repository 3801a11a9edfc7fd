package com.accesspath.ranking.hotlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.catalog.ArticleServiceUnavailableException;
import com.accesspath.ranking.catalog.Categories;
import com.accesspath.ranking.config.RankingProperties;
import com.accesspath.ranking.hotlist.PublishedTop.Entry;
import com.accesspath.ranking.redis.Lease;

/**
 * Keeps the hot lists' windows and publishes their tops, on one replica at a time (the
 * holder of a lease in Redis), every {@code hot-list-refresh}:
 * <ol>
 * <li>an hour that has left a window is subtracted from it once, bucket by bucket and a
 * chunk at a time ({@code expire-bucket.lua}; the views themselves were added to the
 * windows by the view script);</li>
 * <li>the top of every window (site, each leaf; tags) is read from every shard (a
 * {@code ZREVRANGE} of a few dozen members each) and the merged top is written as one
 * small value that every replica reads.</li>
 * </ol>
 * No command here grows with the number of articles: reads are O(log n + size), and an
 * expiry's cost is spread over calls of {@value #EXPIRY_CHUNK} members.
 */
@Component
public class HotListPublisher implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(HotListPublisher.class);

	static final int EXPIRY_CHUNK = 500;

	/**
	 * How many tags each shard's window gives the merge: the merged counts are exact
	 * while a shard has no more distinct tags than this in the last 7 days.
	 */
	static final int TAGS_PER_SHARD = 1000;

	/** Published lists outlive a stopped leader by far: stale beats empty. */
	private static final Duration PUBLISHED_TTL = Duration.ofDays(1);

	private static final RedisScript<Long> EXPIRE_BUCKET = RedisScript
		.of(RankingKeys.script("scripts/expire-bucket.lua"), Long.class);

	private final StringRedisTemplate redis;

	private final RankingKeys keys;

	private final Categories categories;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration interval;

	private final int size;

	private final Lease lease;

	private final Timer publishTimer;

	HotListPublisher(StringRedisTemplate redis, RankingKeys keys, Categories categories, JsonMapper json,
			RankingProperties properties, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.keys = keys;
		this.categories = categories;
		this.json = json;
		this.clock = clock;
		this.interval = properties.hotListRefresh();
		this.size = 2 * properties.hotListSize();
		this.lease = new Lease(redis, RankingKeys.hotListLease(), this.interval.multipliedBy(3));
		this.publishTimer = Timer.builder("ranking.hotlist.publish")
			.description("Expiring the hours that left the windows and publishing every list's top")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::tick, this.interval, Duration.ofSeconds(1)));
	}

	/** One round, if this replica holds the lease; false when another one does. */
	public boolean tick() {
		try {
			if (!this.lease.hold()) {
				return false;
			}
			this.publishTimer.record(() -> {
				expire();
				publish();
			});
			return true;
		}
		catch (DataAccessException ex) {
			log.warn("Hot lists not published this round: {}", ex.getMessage());
			return false;
		}
	}

	/**
	 * Subtracts, in every shard, each hour that has left a window since the last round.
	 */
	void expire() {
		Instant current = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		for (Shard shard : this.keys.shards()) {
			for (Window window : Window.values()) {
				expire(shard, window, current.minus(window.hours, ChronoUnit.HOURS));
			}
		}
	}

	/** {@code last}: the newest hour no longer in the window. */
	private void expire(Shard shard, Window window, Instant last) {
		String marker = shard.expiredThrough(window.label);
		String through = this.redis.opsForValue().get(marker);
		if (through == null) {
			// A new (or wiped) shard: nothing in its windows is older than the window.
			this.redis.opsForValue().setIfAbsent(marker, RankingKeys.hour(last));
			return;
		}
		for (Instant hour = RankingKeys.parseHour(through).plus(1, ChronoUnit.HOURS); !hour.isAfter(last); hour = hour
			.plus(1, ChronoUnit.HOURS)) {
			List<String> fields = new ArrayList<>();
			fields.add(subtract(shard, shard.siteHour(hour), shard.siteWindow(window.label), window));
			Set<String> leaves = this.redis.opsForSet().members(shard.leavesOfHour(hour));
			for (String leaf : (leaves != null) ? leaves : Set.<String>of()) {
				fields.add(subtract(shard, shard.categoryHour(leaf, hour), shard.categoryWindow(window.label, leaf),
						window));
			}
			if (window == Window.D7) {
				fields.add(subtract(shard, shard.tagHour(hour), shard.tagWindow(), window));
			}
			this.redis.opsForValue().set(marker, RankingKeys.hour(hour));
			this.redis.opsForHash().delete(shard.expiring(), fields.toArray());
			if (!this.lease.hold()) {
				return;
			}
		}
	}

	/**
	 * Subtracts one bucket from one window, chunk by chunk; returns its progress field.
	 */
	private String subtract(Shard shard, String bucket, String windowKey, Window window) {
		String field = progressField(window, bucket);
		Long done;
		do {
			done = this.redis.execute(EXPIRE_BUCKET, List.of(bucket, windowKey, shard.expiring()), field,
					Integer.toString(EXPIRY_CHUNK), Long.toString(RankingKeys.BUCKET_TTL_SECONDS));
		}
		while (done != null && done == EXPIRY_CHUNK);
		return field;
	}

	/** Where a bucket's subtraction from a window keeps its progress. */
	static String progressField(Window window, String bucket) {
		return window.label + ":" + bucket;
	}

	/** Writes every list's merged top. */
	void publish() {
		List<String> leaves;
		try {
			leaves = this.categories.tree().leaves();
		}
		catch (ArticleServiceUnavailableException ex) {
			// No taxonomy read yet: the site's lists and the tags still go out.
			leaves = List.of();
		}
		Instant now = this.clock.instant();
		for (Window window : Window.values()) {
			publish(window.label + ":site", now,
					top(this.keys.shards().stream().map(s -> s.siteWindow(window.label)).toList(), this.size));
			for (String leaf : leaves) {
				publish(window.label + ":cat:" + leaf, now,
						top(this.keys.shards().stream().map(s -> s.categoryWindow(window.label, leaf)).toList(),
								this.size));
			}
		}
		List<List<Entry>> tags = new ArrayList<>();
		for (Shard shard : this.keys.shards()) {
			tags.add(read(shard.tagWindow(), TAGS_PER_SHARD));
		}
		publish("7d:tags", now, PublishedTop.mergeSums(tags, this.size));
	}

	private List<Entry> top(List<String> windows, int size) {
		List<List<Entry>> parts = new ArrayList<>(windows.size());
		for (String window : windows) {
			parts.add(read(window, size));
		}
		return PublishedTop.mergeDisjoint(parts, size);
	}

	private List<Entry> read(String window, int size) {
		Set<TypedTuple<String>> top = this.redis.opsForZSet().reverseRangeWithScores(window, 0, size - 1);
		if (top == null) {
			return List.of();
		}
		List<Entry> entries = new ArrayList<>(top.size());
		for (TypedTuple<String> tuple : top) {
			long views = Math.round(tuple.getScore());
			if (views > 0) {
				entries.add(new Entry(tuple.getValue(), views));
			}
		}
		return entries;
	}

	private void publish(String list, Instant at, List<Entry> items) {
		this.redis.opsForValue()
			.set(RankingKeys.published(list), this.json.writeValueAsString(new PublishedTop(at, items)), PUBLISHED_TTL);
	}

}
