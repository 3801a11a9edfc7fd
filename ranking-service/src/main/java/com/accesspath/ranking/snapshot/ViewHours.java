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
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.catalog.ArticleCatalog;
import com.accesspath.ranking.catalog.ArticleMetadata;

/**
 * The hot lists' part of the snapshot: an article's views per hour, so that a Redis that
 * lost its data gets its hot lists back with its totals. Each drain of changed articles
 * writes their views in this hour and the last ({@code $max}, like the totals); a restore
 * adds back every hour still inside the 7-day window, once per article and hour. A drain
 * that was kept from running for more than an hour (MongoDB down) leaves the hours it
 * missed out of the snapshot: those views are in the totals but not restored into the hot
 * lists.
 *
 * <p>
 * Documents: {@code {_id: "articleId|yyyyMMddHH", article, hour, views, leaf, tags,
 * expireAt}}; MongoDB's TTL index drops them after 8 days.
 */
@Component
class ViewHours {

	private static final Logger log = LoggerFactory.getLogger(ViewHours.class);

	static final String COLLECTION = "viewHours";

	/** (article, hour) pairs per restore script call. */
	static final int RESTORE_BATCH = 200;

	private static final RedisScript<Long> RESTORE = RedisScript.of(RankingKeys.script("scripts/restore-hours.lua"),
			Long.class);

	/** An article's views in one hour, as a drain read them. */
	record HourViews(String articleId, Instant hour, long views) {
	}

	private final StringRedisTemplate redis;

	private final MongoTemplate mongo;

	private final ArticleCatalog catalog;

	private final RankingKeys keys;

	private final Clock clock;

	private volatile boolean indexed;

	ViewHours(StringRedisTemplate redis, MongoTemplate mongo, ArticleCatalog catalog, RankingKeys keys, Clock clock) {
		this.redis = redis;
		this.mongo = mongo;
		this.catalog = catalog;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Upserts the hours; the leaf and tags come from the local catalog (the articles were
	 * just viewed, so they are there).
	 */
	void write(List<HourViews> hours) {
		if (hours.isEmpty()) {
			return;
		}
		ensureIndexes();
		Map<String, ArticleMetadata> articles = this.catalog
			.findAllOrCached(hours.stream().map(HourViews::articleId).distinct().toList());
		UpdateOptions upsert = new UpdateOptions().upsert(true);
		List<UpdateOneModel<Document>> upserts = new ArrayList<>(hours.size());
		for (HourViews hour : hours) {
			ArticleMetadata article = articles.get(hour.articleId());
			upserts.add(new UpdateOneModel<>(Filters.eq("_id", hour.articleId() + "|" + RankingKeys.hour(hour.hour())),
					Updates.combine(Updates.max("views", hour.views()), Updates.set("article", hour.articleId()),
							Updates.set("hour", Date.from(hour.hour())),
							Updates.set("leaf", (article != null) ? article.categoryKey() : null),
							Updates.set("tags", (article != null) ? article.tagsOrEmpty() : List.of()), Updates
								.set("expireAt", Date.from(hour.hour().plusSeconds(RankingKeys.BUCKET_TTL_SECONDS)))),
					upsert));
		}
		this.mongo.execute(COLLECTION,
				collection -> collection.bulkWrite(upserts, new BulkWriteOptions().ordered(false)));
	}

	/**
	 * Adds back to the {@code wiped} shards every hour of the last 7 days; returns how
	 * many (article, hour) pairs added something.
	 */
	long restore(List<Shard> wiped, String run) {
		Instant current = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		Instant weekFrom = current.minus(7 * 24 - 1, ChronoUnit.HOURS);
		Instant dayFrom = current.minus(24 - 1, ChronoUnit.HOURS);
		return this.mongo.execute(COLLECTION, collection -> {
			long added = 0;
			Map<Shard, Batch> batches = new LinkedHashMap<>();
			wiped.forEach(shard -> batches.put(shard, new Batch(shard, run)));
			for (Document document : collection.find(Filters.gte("hour", Date.from(weekFrom)))) {
				String article = document.getString("article");
				Date hour = document.getDate("hour");
				Object views = document.get("views");
				if (article == null || hour == null || !(views instanceof Number count)) {
					continue;
				}
				Batch batch = batches.get(this.keys.shardOf(article));
				if (batch == null) {
					continue;
				}
				List<String> tags = document.getList("tags", String.class, List.of());
				batch.add(article, hour.toInstant(), count.longValue(), !hour.toInstant().isBefore(dayFrom),
						document.getString("leaf"), tags);
				if (batch.size == RESTORE_BATCH) {
					added += batch.send();
				}
			}
			for (Batch batch : batches.values()) {
				added += batch.send();
			}
			return added;
		});
	}

	/** One shard's pending restore call. */
	private final class Batch {

		private final Shard shard;

		private final String run;

		private final List<String> keys = new ArrayList<>();

		private final List<String> args = new ArrayList<>();

		private int size;

		Batch(Shard shard, String run) {
			this.shard = shard;
			this.run = run;
		}

		void add(String article, Instant hour, long views, boolean inDay, String leaf, List<String> tags) {
			boolean hasLeaf = leaf != null && !leaf.isEmpty();
			this.keys.add(this.shard.siteHour(hour));
			this.keys.add(hasLeaf ? this.shard.categoryHour(leaf, hour) : this.shard.siteHour(hour));
			this.keys.add(hasLeaf ? this.shard.categoryWindow("24h", leaf) : this.shard.siteWindow("24h"));
			this.keys.add(hasLeaf ? this.shard.categoryWindow("7d", leaf) : this.shard.siteWindow("7d"));
			this.keys.add(this.shard.tagHour(hour));
			this.keys.add(this.shard.leavesOfHour(hour));
			this.args.add(article);
			this.args.add(RankingKeys.hour(hour));
			this.args.add(Long.toString(views));
			this.args.add(inDay ? "1" : "0");
			this.args.add(hasLeaf ? leaf : "");
			this.args.add(Integer.toString(tags.size()));
			this.args.addAll(tags);
			this.size++;
		}

		long send() {
			if (this.size == 0) {
				return 0;
			}
			List<String> allKeys = new ArrayList<>(4 + this.keys.size());
			allKeys.add(this.shard.restoredHours());
			allKeys.add(this.shard.siteWindow("24h"));
			allKeys.add(this.shard.siteWindow("7d"));
			allKeys.add(this.shard.tagWindow());
			allKeys.addAll(this.keys);
			List<String> allArgs = new ArrayList<>(1 + this.args.size());
			allArgs.add(Long.toString(RankingKeys.BUCKET_TTL_SECONDS));
			allArgs.add(this.run);
			allArgs.addAll(this.args);
			Long added = ViewHours.this.redis.execute(RESTORE, allKeys, allArgs.toArray());
			this.keys.clear();
			this.args.clear();
			this.size = 0;
			return (added != null) ? added : 0;
		}

	}

	/**
	 * The restore's query by hour, and MongoDB's expiry of old hours; made once, a
	 * failure only logged (the next write tries again).
	 */
	private void ensureIndexes() {
		if (this.indexed) {
			return;
		}
		try {
			this.mongo.execute(COLLECTION, collection -> {
				collection.createIndex(Indexes.ascending("hour"));
				collection.createIndex(Indexes.ascending("expireAt"),
						new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
				return null;
			});
			this.indexed = true;
		}
		catch (RuntimeException ex) {
			log.warn("The indexes of {} could not be made yet: {}", COLLECTION, ex.getMessage());
		}
	}

}
