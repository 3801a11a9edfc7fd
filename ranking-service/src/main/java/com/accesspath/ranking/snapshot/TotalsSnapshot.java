package com.accesspath.ranking.snapshot;

import java.util.HashMap;
import java.util.Map;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;

/**
 * Keeps all-time totals safe beyond Redis: every interval they are copied to MongoDB ({@code $max}, so replicas and
 * late writers never lower a count), and when Redis comes back empty (a new node, {@code FLUSHALL}) the snapshot is
 * added back once. Safe with several replicas: writes are idempotent and the restore is claimed with {@code SET NX}.
 */
@Component
public class TotalsSnapshot {

	static final String COLLECTION = "viewTotals";

	private static final Logger log = LoggerFactory.getLogger(TotalsSnapshot.class);

	private final StringRedisTemplate redis;

	private final MongoTemplate mongo;

	TotalsSnapshot(StringRedisTemplate redis, MongoTemplate mongo) {
		this.redis = redis;
		this.mongo = mongo;
	}

	@Scheduled(fixedDelayString = "${accesspath.ranking.snapshot-interval:30s}", initialDelayString = "1s")
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
			cursor.forEachRemaining(entry -> totals.put(entry.getKey().toString(), Long.parseLong(entry.getValue().toString())));
		}
		if (totals.isEmpty()) {
			return 0;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
		totals.forEach((articleId, views) -> bulk.upsert(Query.query(Criteria.where("_id").is(articleId)),
				new Update().max("views", views)));
		bulk.execute();
		return totals.size();
	}

	/** After a wipe, adds the snapshot back once (views counted since the wipe are kept: HINCRBY, not HSET). */
	public boolean restoreIfEmpty() {
		Boolean claimed = this.redis.opsForValue().setIfAbsent(RankingKeys.restoredMarker(), "1");
		if (!Boolean.TRUE.equals(claimed)) {
			return false;
		}
		int restored = 0;
		for (Document total : this.mongo.getCollection(COLLECTION).find()) {
			long views = ((Number) total.get("views")).longValue();
			this.redis.opsForHash().increment(RankingKeys.totals(), total.getString("_id"), views);
			restored++;
		}
		if (restored > 0) {
			log.info("Restored {} all-time totals from the MongoDB snapshot", restored);
		}
		return restored > 0;
	}

}
