package com.accesspath.article.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
		indexes.createIndex(new Index().on("oldSlugs", Sort.Direction.ASC).named("oldSlugs"));
		indexes.createIndex(new Index().on("featured", Sort.Direction.ASC).named("featured"));
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
	 * Whether an article other than {@code exceptId} answers to the slug, now or as an
	 * old slug (which keeps redirecting, so it is never given to another).
	 */
	boolean slugTaken(String slug, String exceptId) {
		Criteria taken = new Criteria().orOperator(Criteria.where("slug").is(slug),
				Criteria.where("oldSlugs").is(slug));
		Query query = Query.query(taken);
		if (exceptId != null) {
			query.addCriteria(Criteria.where("_id").ne(new ObjectId(exceptId)));
		}
		return this.mongo.exists(query, Article.class);
	}

	/** The article that was published under this slug before, if any. */
	Optional<Article> findByOldSlug(String slug) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("oldSlugs").is(slug)), Article.class));
	}

	/**
	 * Every other 头条 featured before {@code at} stops being one; of two featured in the
	 * same millisecond, the one with the greater id stays.
	 */
	void unfeatureOthers(String id, Instant at) {
		ObjectId mine = new ObjectId(id);
		Criteria earlier = new Criteria().orOperator(Criteria.where("featuredAt").lt(at),
				Criteria.where("featuredAt").is(at).and("_id").lt(mine));
		this.mongo.updateMulti(
				Query.query(Criteria.where("featured").is(true).and("_id").ne(mine)).addCriteria(earlier),
				new Update().set("featured", false).set("featuredAt", null), Article.class);
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
	 * Applies {@code update} whatever the version, and leaves the version as it is: a
	 * flag, not an edit, so no editor's next save is refused for it (public answers'
	 * ETags are their content's hash, so they change anyway).
	 */
	Optional<Article> updateAnyVersion(String id, Update update) {
		if (!ArticleCursor.isObjectId(id)) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.mongo.findAndModify(Query.query(Criteria.where("_id").is(new ObjectId(id))),
				update, FindAndModifyOptions.options().returnNew(true), Article.class));
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

	/** Featured and visible, the last featured first (normally one). */
	List<Article> findVisibleFeatured(Instant now, int limit) {
		Query query = Query
			.query(Criteria.where("featured").is(true).and("status").in(LIVE).and("publishedAt").lte(now));
		query.with(Sort.by(Sort.Order.desc("featuredAt"))).limit(limit);
		query.fields().exclude("body", "searchTerms");
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

	/**
	 * What editors filter their list by; null parts filter nothing.
	 *
	 * @param title words the title contains (as typed, case-insensitive)
	 * @param categories leaf keys, any of which
	 */
	record EditorsFilter(ArticleStatus status, String title, Collection<String> categories, String author, String tag) {
	}

	/** Editors' list: every status, newest created first. */
	List<Article> findAll(EditorsFilter filter, ArticleCursor after, int limit) {
		List<Criteria> criteria = new ArrayList<>();
		if (filter.status() != null) {
			criteria.add(Criteria.where("status").is(filter.status()));
		}
		if (filter.title() != null) {
			criteria.add(Criteria.where("title").regex(Pattern.quote(filter.title()), "i"));
		}
		if (filter.categories() != null) {
			criteria.add(Criteria.where("category").in(filter.categories()));
		}
		if (filter.author() != null) {
			criteria.add(Criteria.where("author").is(filter.author()));
		}
		if (filter.tag() != null) {
			criteria.add(Criteria.where("tags").is(filter.tag()));
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
