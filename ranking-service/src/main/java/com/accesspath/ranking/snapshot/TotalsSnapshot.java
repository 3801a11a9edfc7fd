package com.accesspath.ranking.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.config.RankingProperties;
import com.accesspath.ranking.redis.Lease;
import com.accesspath.ranking.snapshot.ViewHours.HourViews;

/**
 * Keeps all-time totals safe beyond Redis. The view script adds every article whose total
 * moved to its shard's dirty set; every interval one replica (the holder of a lease in
 * Redis) drains those sets and upserts only those articles' totals in MongoDB
 * ({@code $max}, so a late or repeated write never lowers a count). When a shard comes
 * back empty (a new node, {@code FLUSHALL}, a cluster master that lost its data) its part
 * of the snapshot is added back once per article, and with it the hot lists' hours
 * ({@link ViewHours}).
 *
 * <p>
 * Snapshot documents: {@code {_id: articleId (string), views, updatedAt}}. Documents
 * written before ids were kept as strings have an ObjectId {@code _id}; they are read as
 * its hex string, and where an article has both kinds the larger count is restored.
 */
@Component
public class TotalsSnapshot implements SchedulingConfigurer {

	static final String COLLECTION = "viewTotals";

	static final int RESTORE_BATCH = 500;

	/** Articles taken from the dirty set and written to MongoDB per round trip. */
	static final int DRAIN_BATCH = 1000;

	private static final RedisScript<Long> RESTORE = RedisScript.of(RankingKeys.script("scripts/restore-totals.lua"),
			Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TAKE_DIRTY = RedisScript.of(RankingKeys.script("scripts/take-dirty.lua"),
			List.class);

	private static final RedisScript<Long> PUT_BACK_DIRTY = RedisScript
		.of(RankingKeys.script("scripts/put-back-dirty.lua"), Long.class);

	/**
	 * The first run waits for the application to be up, not for a whole interval: a wipe
	 * is repaired at once.
	 */
	static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(TotalsSnapshot.class);

	private final StringRedisTemplate redis;

	private final RankingKeys keys;

	private final MongoTemplate mongo;

	private final ViewHours hours;

	private final Clock clock;

	private final Duration interval;

	private final Lease lease;

	TotalsSnapshot(StringRedisTemplate redis, RankingKeys keys, MongoTemplate mongo, ViewHours hours,
			RankingProperties properties, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.mongo = mongo;
		this.hours = hours;
		this.clock = clock;
		this.interval = properties.snapshotInterval();
		this.lease = new Lease(redis, RankingKeys.snapshotLease(), this.interval);
	}

	/** Runs {@link #tick} every {@code accesspath.ranking.snapshot-interval}. */
	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::tick, this.interval, FIRST_RUN_AFTER));
	}

	/**
	 * Restores the totals if Redis lost them, then copies those that changed to MongoDB.
	 */
	public void tick() {
		try {
			restoreIfEmpty();
			snapshot();
		}
		catch (DataAccessException ex) {
			log.warn("Totals snapshot skipped: {}", ex.getMessage());
		}
	}

	/**
	 * Copies the totals that changed since the last snapshot to MongoDB, if this replica
	 * holds the lease for the interval (it keeps it while it keeps running); returns how
	 * many articles were written (0 when another replica holds the lease). Stops after
	 * about as many articles as were waiting when it began, so a steady stream of views
	 * cannot keep it going: the rest is the next interval's.
	 */
	public int snapshot() {
		if (!this.lease.hold()) {
			return 0;
		}
		int written = 0;
		for (Shard shard : this.keys.shards()) {
			Long dirty = this.redis.opsForSet().size(shard.dirty());
			Long draining = this.redis.opsForSet().size(shard.dirtyDraining());
			long waiting = ((dirty != null) ? dirty : 0) + ((draining != null) ? draining : 0);
			long maxBatches = (waiting == 0) ? 0 : waiting / DRAIN_BATCH + 1;
			for (long i = 0; i < maxBatches; i++) {
				// A long drain renews the lease before each further batch, and stops if
				// it
				// lost it.
				if ((written > 0 || i > 0) && !this.lease.hold()) {
					return written;
				}
				int taken = drainBatch(shard);
				if (taken < 0) {
					break;
				}
				written += taken;
			}
		}
		return written;
	}

	/**
	 * Takes one batch of changed articles and upserts their totals; -1 when there was
	 * nothing left to take. A failed write puts the batch back into the dirty set and
	 * gives the lease up.
	 */
	private int drainBatch(Shard shard) {
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		Instant lastHour = hour.minus(1, ChronoUnit.HOURS);
		List<?> taken = this.redis.execute(TAKE_DIRTY, List.of(shard.dirty(), shard.dirtyDraining(), shard.totals(),
				shard.siteHour(hour), shard.siteHour(lastHour)), Integer.toString(DRAIN_BATCH));
		if (taken == null || taken.isEmpty()) {
			return -1;
		}
		List<String> ids = new ArrayList<>(taken.size() / 4);
		List<UpdateOneModel<Document>> upserts = new ArrayList<>(taken.size() / 4);
		List<HourViews> hours = new ArrayList<>();
		UpdateOptions upsert = new UpdateOptions().upsert(true);
		Date now = Date.from(this.clock.instant());
		for (int i = 0; i < taken.size(); i += 4) {
			String articleId = taken.get(i).toString();
			long views = Long.parseLong(taken.get(i + 1).toString());
			long thisHour = Math.round(Double.parseDouble(taken.get(i + 2).toString()));
			long previousHour = Math.round(Double.parseDouble(taken.get(i + 3).toString()));
			ids.add(articleId);
			if (thisHour > 0) {
				hours.add(new HourViews(articleId, hour, thisHour));
			}
			if (previousHour > 0) {
				hours.add(new HourViews(articleId, lastHour, previousHour));
			}
			if (views >= 0) {
				// The driver's own filter: the id stays the string it is (Spring Data's
				// mapping would turn a 24-hex-digit id into an ObjectId).
				upserts.add(new UpdateOneModel<>(Filters.eq("_id", articleId),
						Updates.combine(Updates.max("views", views), Updates.set("updatedAt", now)), upsert));
			}
		}
		try {
			if (!upserts.isEmpty()) {
				this.mongo.execute(COLLECTION,
						collection -> collection.bulkWrite(upserts, new BulkWriteOptions().ordered(false)));
			}
			this.hours.write(hours);
		}
		catch (RuntimeException ex) {
			putBack(shard, ids);
			this.lease.release();
			throw ex;
		}
		this.redis.opsForSet().remove(shard.dirtyDraining(), ids.toArray());
		return upserts.size();
	}

	/**
	 * Back into the dirty set; if Redis refuses that too, the ids stay in the draining
	 * set and the next drain takes them first.
	 */
	private void putBack(Shard shard, List<String> ids) {
		try {
			this.redis.execute(PUT_BACK_DIRTY, List.of(shard.dirty(), shard.dirtyDraining()), ids.toArray());
		}
		catch (DataAccessException ex) {
			log.warn("{} changed totals stay in the draining set: {}", ids.size(), ex.getMessage());
		}
	}

	/**
	 * A snapshot document's article id: a string, or an ObjectId in documents written
	 * before ids were kept as strings.
	 */
	static String articleId(Object id) {
		return (id instanceof ObjectId objectId) ? objectId.toHexString() : id.toString();
	}

	/**
	 * After a wipe, adds the snapshot back to every shard that lost its data: each
	 * article once (a script keeps how much of its snapshot was added), in batches; a
	 * shard's marker that ends the checks is set only when all batches went through, so
	 * an interrupted restore resumes where it stopped.
	 */
	public boolean restoreIfEmpty() {
		List<Shard> wiped = new ArrayList<>();
		for (Shard shard : this.keys.shards()) {
			if (!Boolean.TRUE.equals(this.redis.hasKey(shard.restoredMarker()))) {
				wiped.add(shard);
			}
		}
		if (wiped.isEmpty()) {
			return false;
		}
		// An article is restored by one run only (see restore-totals.lua).
		String run = UUID.randomUUID().toString();
		// Through the template, so that a MongoDB error is a DataAccessException like any
		// other.
		long restored = this.mongo.execute(COLLECTION, collection -> {
			long added = 0;
			Map<Shard, List<String>> batches = new LinkedHashMap<>();
			wiped.forEach(shard -> batches.put(shard, new ArrayList<>()));
			for (Document total : collection.find()) {
				Object views = total.get("views");
				if (total.get("_id") == null || !(views instanceof Number count)) {
					continue;
				}
				String articleId = articleId(total.get("_id"));
				Shard shard = this.keys.shardOf(articleId);
				List<String> batch = batches.get(shard);
				if (batch == null) {
					continue;
				}
				batch.add(articleId);
				batch.add(Long.toString(count.longValue()));
				if (batch.size() >= 2 * RESTORE_BATCH) {
					added += restore(shard, run, batch);
					batch.clear();
				}
			}
			for (Map.Entry<Shard, List<String>> batch : batches.entrySet()) {
				added += restore(batch.getKey(), run, batch.getValue());
			}
			return added;
		});
		long hours = this.hours.restore(wiped, run);
		wiped.forEach(shard -> this.redis.opsForValue().set(shard.restoredMarker(), "1"));
		if (restored > 0 || hours > 0) {
			log.info("Restored {} all-time totals and {} article-hours of the hot lists from the MongoDB snapshot into"
					+ " {} of {} shards", restored, hours, wiped.size(), this.keys.shards().size());
		}
		return restored > 0;
	}

	private long restore(Shard shard, String run, List<String> idsAndTotals) {
		if (idsAndTotals.isEmpty()) {
			return 0;
		}
		List<String> args = new ArrayList<>(1 + idsAndTotals.size());
		args.add(run);
		args.addAll(idsAndTotals);
		Long added = this.redis.execute(RESTORE, List.of(shard.totals(), shard.restoredIds()), args.toArray());
		return (added == null) ? 0 : added;
	}

}
