package com.accesspath.ranking.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.config.RankingProperties;

/**
 * Keeps all-time totals safe beyond Redis: every interval they are copied to MongoDB
 * ({@code $max}, so replicas and late writers never lower a count), and when Redis comes
 * back empty (a new node, {@code FLUSHALL}) the snapshot is added back once per article.
 * Safe with several replicas: writes are idempotent and each article's restore is claimed
 * in Redis itself.
 */
@Component
public class TotalsSnapshot implements SchedulingConfigurer {

	static final String COLLECTION = "viewTotals";

	static final int RESTORE_BATCH = 500;

	private static final RedisScript<Long> RESTORE = RedisScript.of(RankingKeys.script("scripts/restore-totals.lua"),
			Long.class);

	/**
	 * The first run waits for the application to be up, not for a whole interval: a wipe
	 * is repaired at once.
	 */
	static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(TotalsSnapshot.class);

	private final StringRedisTemplate redis;

	private final MongoTemplate mongo;

	private final Duration interval;

	TotalsSnapshot(StringRedisTemplate redis, MongoTemplate mongo, RankingProperties properties) {
		this.redis = redis;
		this.mongo = mongo;
		this.interval = properties.snapshotInterval();
	}

	/** Runs {@link #tick} every {@code accesspath.ranking.snapshot-interval}. */
	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::tick, this.interval, FIRST_RUN_AFTER));
	}

	/** Restores the totals if Redis lost them, then copies them to MongoDB. */
	public void tick() {
		try {
			restoreIfEmpty();
			snapshot();
		}
		catch (DataAccessException ex) {
			log.warn("Totals snapshot skipped: {}", ex.getMessage());
		}
	}

	/** Copies every total to MongoDB; returns how many. */
	public int snapshot() {
		Map<String, Long> totals = new HashMap<>();
		try (Cursor<Map.Entry<Object, Object>> cursor = this.redis.opsForHash()
			.scan(RankingKeys.totals(), ScanOptions.scanOptions().count(1000).build())) {
			cursor.forEachRemaining(
					entry -> totals.put(entry.getKey().toString(), Long.parseLong(entry.getValue().toString())));
		}
		if (totals.isEmpty()) {
			return 0;
		}
		write(totals);
		return totals.size();
	}

	/**
	 * Upserts the totals with the driver's own filters: an id stays the string it is
	 * (Spring Data's mapping would turn a 24-hex-digit id into an ObjectId).
	 */
	private void write(Map<String, Long> totals) {
		List<UpdateOneModel<Document>> upserts = new ArrayList<>(totals.size());
		UpdateOptions upsert = new UpdateOptions().upsert(true);
		totals.forEach((articleId, views) -> upserts
			.add(new UpdateOneModel<>(Filters.eq("_id", articleId), Updates.max("views", views), upsert)));
		this.mongo.execute(COLLECTION,
				collection -> collection.bulkWrite(upserts, new BulkWriteOptions().ordered(false)));
	}

	/**
	 * A snapshot document's article id: a string, or an ObjectId in documents written
	 * before ids were kept as strings.
	 */
	static String articleId(Object id) {
		return (id instanceof ObjectId objectId) ? objectId.toHexString() : id.toString();
	}

	/**
	 * After a wipe, adds the snapshot back: each article once (a script claims it), in
	 * batches; the marker that ends the checks is set only when all batches went through,
	 * so an interrupted restore resumes where it stopped.
	 */
	public boolean restoreIfEmpty() {
		if (Boolean.TRUE.equals(this.redis.hasKey(RankingKeys.restoredMarker()))) {
			return false;
		}
		long restored = 0;
		List<String> batch = new ArrayList<>();
		for (Document total : this.mongo.getCollection(COLLECTION).find()) {
			batch.add(articleId(total.get("_id")));
			batch.add(Long.toString(((Number) total.get("views")).longValue()));
			if (batch.size() >= 2 * RESTORE_BATCH) {
				restored += restore(batch);
				batch.clear();
			}
		}
		restored += restore(batch);
		this.redis.opsForValue().set(RankingKeys.restoredMarker(), "1");
		if (restored > 0) {
			log.info("Restored {} all-time totals from the MongoDB snapshot", restored);
		}
		return restored > 0;
	}

	private long restore(List<String> idsAndTotals) {
		if (idsAndTotals.isEmpty()) {
			return 0;
		}
		Long added = this.redis.execute(RESTORE, List.of(RankingKeys.totals(), RankingKeys.restoredIds()),
				idsAndTotals.toArray());
		return (added == null) ? 0 : added;
	}

}
