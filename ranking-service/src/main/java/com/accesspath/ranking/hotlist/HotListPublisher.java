package com.accesspath.ranking.hotlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.lettuce.core.ScoredValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
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
import com.accesspath.ranking.redis.AsyncRedis;
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

	static final int EXPIRY_CHUNK = 200;

	/**
	 * How many tags each shard's window gives the merge: the merged counts are exact
	 * while a shard has no more distinct tags than this in the last 7 days.
	 */
	static final int TAGS_PER_SHARD = 1000;

	/**
	 * How long the leader waits for the windows' tops (Redis's own timeout is shorter).
	 */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

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

	private final AsyncRedis async;

	private final Lease lease;

	private final Timer publishTimer;

	HotListPublisher(StringRedisTemplate redis, AsyncRedis async, RankingKeys keys, Categories categories,
			JsonMapper json, RankingProperties properties, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.async = async;
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

	/**
	 * Writes every list's merged top. Every shard's window of every list is read at once,
	 * then each list merged and written.
	 */
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
		Map<String, List<CompletableFuture<List<ScoredValue<String>>>>> reads = new LinkedHashMap<>();
		for (Window window : Window.values()) {
			reads.put(window.label + ":site", read(shard -> shard.siteWindow(window.label), this.size));
			for (String leaf : leaves) {
				reads.put(window.label + ":cat:" + leaf,
						read(shard -> shard.categoryWindow(window.label, leaf), this.size));
			}
		}
		List<CompletableFuture<List<ScoredValue<String>>>> tags = read(Shard::tagWindow, TAGS_PER_SHARD);
		for (Map.Entry<String, List<CompletableFuture<List<ScoredValue<String>>>>> list : reads.entrySet()) {
			publish(list.getKey(), now, PublishedTop.mergeDisjoint(entries(list.getValue()), this.size));
		}
		publish("7d:tags", now, PublishedTop.mergeSums(entries(tags), this.size));
	}

	private List<CompletableFuture<List<ScoredValue<String>>>> read(Function<Shard, String> window, int size) {
		return this.keys.shards().stream().map(shard -> this.async.top(window.apply(shard), size)).toList();
	}

	/** Each shard's members with a positive count; fails like the template would. */
	private static List<List<Entry>> entries(List<CompletableFuture<List<ScoredValue<String>>>> reads) {
		List<List<Entry>> parts = new ArrayList<>(reads.size());
		for (CompletableFuture<List<ScoredValue<String>>> read : reads) {
			List<ScoredValue<String>> members = AsyncRedis.await(read, READ_TIMEOUT, "a window");
			List<Entry> entries = new ArrayList<>(members.size());
			for (ScoredValue<String> member : members) {
				long views = Math.round(member.getScore());
				if (views > 0) {
					entries.add(new Entry(member.getValue(), views));
				}
			}
			parts.add(entries);
		}
		return parts;
	}

	private void publish(String list, Instant at, List<Entry> items) {
		this.redis.opsForValue()
			.set(RankingKeys.published(list), this.json.writeValueAsString(new PublishedTop(at, items)), PUBLISHED_TTL);
	}

}
