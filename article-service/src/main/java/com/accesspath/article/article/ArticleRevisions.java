package com.accesspath.article.article;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Every save of an article's content, kept whole: who saved it, when, and what it said. A
 * revision's number is the article's save counter, bumped in the same atomic update as
 * the content, so numbers follow the order of the saves even across replicas.
 */
@Repository
class ArticleRevisions {

	static final String COLLECTION = "article_revisions";

	/** More than any article gets; the oldest beyond it are not listed. */
	static final int MAX_LISTED = 500;

	/**
	 * One save.
	 *
	 * @param restoredFrom the revision it restored, or null for an edit
	 */
	@Document(COLLECTION)
	record ArticleRevision(@Id String id, String articleId, int revision, long version, String editor, Instant savedAt,
			String slug, String title, String summary, String body, String coverImage, String category,
			List<String> tags, String author, List<Article.Source> sources, String attachment, Integer restoredFrom) {

		/** The article as it was at this save. */
		Article asArticle(Article current) {
			return new Article(current.id(), this.slug, this.title, this.summary, this.body, this.coverImage,
					this.category, this.tags, this.author, this.sources, current.status(), current.publishedAt(),
					current.createdAt(), this.savedAt, ArticleText.readingMinutes(this.body), this.version,
					current.slugFrozen(), List.of(), this.attachment, current.featured(), current.featuredAt(),
					current.oldSlugs(), this.editor, this.revision);
		}

	}

	private final MongoTemplate mongo;

	ArticleRevisions(MongoTemplate mongo) {
		this.mongo = mongo;
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("articleId", Sort.Direction.ASC)
				.on("revision", Sort.Direction.DESC)
				.unique()
				.named("articleId_revision"));
	}

	/**
	 * Keeps the article as just saved; {@code restoredFrom} when the save was a restore.
	 */
	void keep(Article saved, Integer restoredFrom) {
		this.mongo.insert(new ArticleRevision(null, saved.id(), saved.revisions(), saved.version(), saved.lastEditor(),
				saved.updatedAt(), saved.slug(), saved.title(), saved.summary(), saved.body(), saved.coverImage(),
				saved.category(), saved.tags(), saved.author(), saved.sources(), saved.attachment(), restoredFrom));
	}

	/** Newest first, without bodies. */
	List<ArticleRevision> list(String articleId) {
		Query query = Query.query(where("articleId").is(articleId))
			.with(Sort.by(Sort.Order.desc("revision")))
			.limit(MAX_LISTED);
		query.fields().exclude("body");
		return this.mongo.find(query, ArticleRevision.class);
	}

	Optional<ArticleRevision> find(String articleId, int revision) {
		return Optional.ofNullable(this.mongo.findOne(
				Query.query(where("articleId").is(articleId).and("revision").is(revision)), ArticleRevision.class));
	}

}
