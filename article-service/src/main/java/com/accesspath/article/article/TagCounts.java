package com.accesspath.article.article;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.article.article.ArticleResponses.TagCount;

/**
 * How many visible articles carry each tag ({@code GET /api/tags}), kept as the articles
 * change instead of recounted from all of them: one document per tag in
 * {@code tagCounts}, listing the ids of the visible articles that carry it.
 * <p>
 * Every write to an article marks it due ({@code tagsDueAt}, in the same update as the
 * change itself); counting a due article adds its id to the tags it now has while it is
 * visible and removes it from every other tag. Both steps are conditional on the id being
 * absent or present, so repeating them (a crash, two replicas at once) never counts
 * twice; a scheduled article stays due until its publication time, when it is counted
 * like any other. If the article was written again while it was being counted, it is
 * counted again. Articles never counted (data from before this, an insert whose marking
 * was cut off) are marked once at start-up.
 * <p>
 * Cost: O(tags of the article) per write, O(limit) per read; a tag's document grows by an
 * id (about 30 bytes) per article carrying it, so one tag can carry some 500,000 articles
 * before MongoDB's 16 MB document limit.
 */
@Component
class TagCounts implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(TagCounts.class);

	static final String COLLECTION = "tagCounts";

	static final String DUE = "tagsDueAt";

	static final String COUNTED = "tagsCounted";

	private static final int BATCH = 200;

	private final MongoTemplate mongo;

	private final Clock clock;

	TagCounts(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(COLLECTION)
			.createIndex(
					new Index().on("articles", Sort.Direction.DESC).on("_id", Sort.Direction.ASC).named("articles"));
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("articleIds", Sort.Direction.ASC).named("articleIds"));
		this.mongo.indexOps(ArticleRepository.COLLECTION)
			.createIndex(new Index().on(DUE, Sort.Direction.ASC).sparse().named(DUE));
		// Not sparse: the articles without the field are the ones looked for.
		this.mongo.indexOps(ArticleRepository.COLLECTION)
			.createIndex(new Index().on(COUNTED, Sort.Direction.ASC).named(COUNTED));
		long marked = this.mongo
			.updateMulti(Query.query(Criteria.where(COUNTED).is(null)), new Update().set(DUE, Instant.EPOCH),
					ArticleRepository.COLLECTION)
			.getModifiedCount();
		if (marked > 0) {
			logger.info("{} articles whose tags were never counted will be counted", marked);
		}
	}

	/** The most used tags of visible articles, most articles first, then by name. */
	List<TagCount> top(int limit) {
		Query query = Query.query(Criteria.where("articles").gt(0))
			.with(Sort.by(Sort.Order.desc("articles"), Sort.Order.asc("_id")))
			.limit(limit);
		query.fields().include("articles");
		return this.mongo.find(query, Document.class, COLLECTION)
			.stream()
			.map((document) -> new TagCount(document.getString("_id"),
					document.get("articles", Number.class).longValue()))
			.toList();
	}

	/** The update that marks an article due, to be part of the write that changes it. */
	Update markingDue(Update update) {
		return update.set(DUE, this.clock.instant());
	}

	void markDue(String articleId) {
		this.mongo.updateFirst(byId(articleId), new Update().set(DUE, this.clock.instant()),
				ArticleRepository.COLLECTION);
	}

	/**
	 * Counts the articles that are due: the ones written since they were last counted and
	 * the scheduled ones whose time has come. Every replica may run it.
	 */
	@Scheduled(initialDelayString = "${accesspath.tag-counts.interval:5s}",
			fixedDelayString = "${accesspath.tag-counts.interval:5s}")
	void countDue() {
		try {
			int counted;
			do {
				Query due = Query.query(Criteria.where(DUE).lte(this.clock.instant())).with(Sort.by(DUE)).limit(BATCH);
				due.fields().include("_id");
				List<Document> batch = this.mongo.find(due, Document.class, ArticleRepository.COLLECTION);
				batch.forEach((document) -> count(document.getObjectId("_id").toHexString()));
				counted = batch.size();
			}
			while (counted == BATCH);
		}
		catch (RuntimeException ex) {
			logger.warn("Counting tags failed; the articles stay due and are counted next time: {}", ex.toString());
		}
	}

	/**
	 * Counts an article just written, at once; if that fails it stays due and is counted
	 * by the next {@link #countDue()}.
	 */
	void countNow(String articleId) {
		try {
			count(articleId);
		}
		catch (RuntimeException ex) {
			logger.warn("Counting the tags of {} failed; counted next time: {}", articleId, ex.toString());
		}
	}

	/** Counts one article's tags as they are now, if it is due. */
	void count(String articleId) {
		Query query = byId(articleId);
		query.fields().include("status", "publishedAt", "tags", "version", DUE);
		Document article = this.mongo.findOne(query, Document.class, ArticleRepository.COLLECTION);
		if (article == null || article.get(DUE) == null) {
			return;
		}
		Instant now = this.clock.instant();
		Object seen = article.get(DUE);
		Set<String> wanted = visible(article, now)
				? new LinkedHashSet<>(article.getList("tags", String.class, List.of())) : Set.of();
		Set<String> listed = new HashSet<>();
		Query listing = Query.query(Criteria.where("articleIds").is(articleId));
		listing.fields().include("_id");
		this.mongo.find(listing, Document.class, COLLECTION).forEach((tag) -> listed.add(tag.getString("_id")));
		for (String tag : wanted) {
			if (!listed.contains(tag)) {
				add(tag, articleId);
			}
		}
		for (String tag : listed) {
			if (!wanted.contains(tag)) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(tag).and("articleIds").is(articleId)),
						new Update().pull("articleIds", articleId).inc("articles", -1), COLLECTION);
			}
		}
		Instant publishedAt = toInstant(article.get("publishedAt"));
		// Live but not yet public: due again when it turns public.
		boolean scheduled = isLive(article) && publishedAt != null && publishedAt.isAfter(now);
		Update done = scheduled ? new Update().set(DUE, publishedAt) : new Update().unset(DUE);
		UpdateResult result = this.mongo.updateFirst(
				Query.query(Criteria.where("_id").is(new ObjectId(articleId)).and(DUE).is(seen)),
				done.set(COUNTED, true), ArticleRepository.COLLECTION);
		if (result.getMatchedCount() == 0) {
			recountIfWrittenMeanwhile(articleId, article.get("version"));
		}
	}

	private void add(String tag, String articleId) {
		try {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(tag).and("articleIds").ne(articleId)),
					new Update().push("articleIds", articleId).inc("articles", 1), COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// The tag's document exists and already lists the article: counted before.
		}
	}

	/**
	 * Another count or a write finished first. A write (the version moved) may have come
	 * after this count read the article, and then what this count did may be stale: the
	 * article is counted again. Another count of the same version did the same work.
	 */
	private void recountIfWrittenMeanwhile(String articleId, Object versionRead) {
		Query query = byId(articleId);
		query.fields().include("version");
		Document now = this.mongo.findOne(query, Document.class, ArticleRepository.COLLECTION);
		if (now != null && !String.valueOf(now.get("version")).equals(String.valueOf(versionRead))) {
			markDue(articleId);
		}
	}

	private static boolean visible(Document article, Instant now) {
		Instant publishedAt = toInstant(article.get("publishedAt"));
		return isLive(article) && publishedAt != null && !publishedAt.isAfter(now);
	}

	private static boolean isLive(Document article) {
		String status = article.getString("status");
		return ArticleStatus.PUBLISHED.name().equals(status) || ArticleStatus.SCHEDULED.name().equals(status);
	}

	private static Instant toInstant(Object value) {
		return (value instanceof java.util.Date date) ? date.toInstant() : null;
	}

	private static Query byId(String articleId) {
		return Query.query(Criteria.where("_id").is(new ObjectId(articleId)));
	}

}
