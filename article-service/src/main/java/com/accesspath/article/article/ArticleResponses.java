package com.accesspath.article.article;

import java.time.Instant;
import java.util.List;

import com.accesspath.article.category.Taxonomy;

/**
 * The JSON shapes of API.md: {@code Article}, {@code ArticleSummary} and a page of
 * summaries.
 */
final class ArticleResponses {

	private ArticleResponses() {
	}

	record CategoryRef(String key, String name) {

		static CategoryRef of(String key) {
			return new CategoryRef(key, Taxonomy.leaf(key).map(Taxonomy.Category::name).orElse(key));
		}

	}

	record Author(String name) {
	}

	record ArticleResponse(String id, String slug, String title, String summary, String body, String coverImage,
			CategoryRef category, List<String> tags, Author author, List<Article.Source> sources, ArticleStatus status,
			Instant publishedAt, Instant updatedAt, int readingMinutes, long version) {

		static ArticleResponse of(Article article, Instant now) {
			return new ArticleResponse(article.id(), article.slug(), article.title(), article.summary(), article.body(),
					article.coverImage(), CategoryRef.of(article.category()), article.tags(),
					new Author(article.author()), article.sources(), article.effectiveStatus(now),
					publishedAtFor(article, now), article.updatedAt(), article.readingMinutes(), article.version());
		}

	}

	record ArticleSummary(String id, String slug, String title, String summary, String coverImage, CategoryRef category,
			List<String> tags, Author author, List<Article.Source> sources, ArticleStatus status, Instant publishedAt,
			Instant updatedAt, int readingMinutes, long version) {

		static ArticleSummary of(Article article, Instant now) {
			return new ArticleSummary(article.id(), article.slug(), article.title(), article.summary(),
					article.coverImage(), CategoryRef.of(article.category()), article.tags(),
					new Author(article.author()), article.sources(), article.effectiveStatus(now),
					publishedAtFor(article, now), article.updatedAt(), article.readingMinutes(), article.version());
		}

	}

	record ArticlePage(List<ArticleSummary> items, String nextCursor) {
	}

	record TagCount(String tag, long articles) {
	}

	/** Drafts have no publication time yet; scheduled ones show when they will appear. */
	private static Instant publishedAtFor(Article article, Instant now) {
		return (article.status() == ArticleStatus.DRAFT) ? null : article.publishedAt();
	}

}
