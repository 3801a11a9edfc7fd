package com.accesspath.article.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Storage of articles. Every write that could race (edits, publishing) is one conditional
 * {@code findAndModify} on a single document, so no transaction is needed.
 */
@Repository
public class ArticleRepository implements InitializingBean {

	static final String COLLECTION = "articles";

	private static final List<ArticleStatus> LIVE = List.of(ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED);

	private final MongoTemplate mongo;

	ArticleRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		createIndexes();
	}

	/**
	 * One index per query this class makes (MongoDB uses them; the devstack accepts and
	 * ignores non-unique ones). Created before anything else runs, so the unique slug
	 * index guards the demo content too.
	 */
	void createIndexes() {
		var indexes = this.mongo.indexOps(COLLECTION);
		indexes.createIndex(new Index().on("slug", Sort.Direction.ASC).unique().named("slug_unique"));
		indexes.createIndex(new Index().on("status", Sort.Direction.ASC)
			.on("category", Sort.Direction.ASC)
			.on("publishedAt", Sort.Direction.DESC)
			.on("_id", Sort.Direction.DESC)
			.named("status_category_publishedAt"));
		indexes.createIndex(new Index().on("status", Sort.Direction.ASC)
			.on("publishedAt", Sort.Direction.DESC)
			.on("_id", Sort.Direction.DESC)
			.named("status_publishedAt"));
		indexes.createIndex(new Index().on("tags", Sort.Direction.ASC).named("tags"));
		indexes.createIndex(new Index().on("searchTerms", Sort.Direction.ASC).named("searchTerms"));
	}

	Article insert(Article article) {
		return this.mongo.insert(article);
	}

	Optional<Article> findById(String id) {
		return ArticleCursor.isObjectId(id) ? Optional.ofNullable(this.mongo.findById(id, Article.class))
				: Optional.empty();
	}

	Optional<Article> findBySlug(String slug) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("slug").is(slug)), Article.class));
	}

	boolean slugExists(String slug) {
		return this.mongo.exists(Query.query(Criteria.where("slug").is(slug)), Article.class);
	}

	/**
	 * Applies {@code update} only if the stored version is {@code expectedVersion},
	 * bumping it; empty when the article changed meanwhile (or does not exist).
	 */
	Optional<Article> updateIfVersion(String id, long expectedVersion, Update update) {
		Query query = Query.query(Criteria.where("_id").is(new ObjectId(id)).and("version").is(expectedVersion));
		update.inc("version", 1);
		return Optional.ofNullable(
				this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), Article.class));
	}

	/**
	 * Public lists: live and due, optionally in some categories or with a tag, newest
	 * first, after a cursor.
	 */
	List<Article> findVisible(Instant now, Collection<String> categories, String tag, ArticleCursor after, int limit) {
		Query query = Query.query(visible(now, categories, tag));
		if (after != null && after.isKeyset()) {
			query.addCriteria(new Criteria().orOperator(Criteria.where("publishedAt").lt(after.publishedAt()),
					Criteria.where("publishedAt").is(after.publishedAt()).and("_id").lt(new ObjectId(after.id()))));
		}
		query.with(Sort.by(Sort.Order.desc("publishedAt"), Sort.Order.desc("_id"))).limit(limit);
		query.fields().exclude("body", "searchTerms");
		return this.mongo.find(query, Article.class);
	}

	/**
	 * Search candidates: visible articles holding any of the terms, newest first, at most
	 * {@code limit}.
	 */
	List<Article> findVisibleWithAnyTerm(Instant now, Collection<String> categories, String tag, List<String> terms,
			int limit) {
		Query query = Query.query(visible(now, categories, tag).and("searchTerms").in(terms));
		query.with(Sort.by(Sort.Order.desc("publishedAt"), Sort.Order.desc("_id"))).limit(limit);
		query.fields().exclude("body");
		return this.mongo.find(query, Article.class);
	}

	List<Article> findVisibleByIds(Instant now, Collection<String> ids) {
		List<ObjectId> objectIds = ids.stream().filter(ArticleCursor::isObjectId).map(ObjectId::new).toList();
		Query query = Query.query(visible(now, null, null).and("_id").in(objectIds));
		query.fields().exclude("body", "searchTerms");
		return this.mongo.find(query, Article.class);
	}

	List<Article> findVisibleWithAnyTag(Instant now, Collection<String> tags, String excludedId, int limit) {
		Query query = Query
			.query(visible(now, null, null).and("tags").in(tags).and("_id").ne(new ObjectId(excludedId)));
		query.with(Sort.by(Sort.Order.desc("publishedAt"), Sort.Order.desc("_id"))).limit(limit);
		query.fields().exclude("body", "searchTerms");
		return this.mongo.find(query, Article.class);
	}

	/** Editors' list: every status, newest created first. */
	List<Article> findAll(ArticleStatus status, ArticleCursor after, int limit) {
		List<Criteria> criteria = new ArrayList<>();
		if (status != null) {
			criteria.add(Criteria.where("status").is(status));
		}
		if (after != null && after.id() != null) {
			criteria.add(Criteria.where("_id").lt(new ObjectId(after.id())));
		}
		Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
		query.with(Sort.by(Sort.Order.desc("_id"))).limit(limit);
		query.fields().exclude("body", "searchTerms");
		return this.mongo.find(query, Article.class);
	}

	private static Criteria visible(Instant now, Collection<String> categories, String tag) {
		Criteria criteria = Criteria.where("status").in(LIVE).and("publishedAt").lte(now);
		if (categories != null) {
			criteria.and("category").in(categories);
		}
		if (tag != null) {
			criteria.and("tags").is(tag);
		}
		return criteria;
	}

}
