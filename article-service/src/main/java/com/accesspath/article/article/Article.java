package com.accesspath.article.article;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An article as stored. {@code publishedAt} is when it becomes (or became) visible: a
 * {@code SCHEDULED} article turns visible by itself when that time passes, because every
 * public query asks for {@code publishedAt <= now}. {@code searchTerms} are computed on
 * write (see {@code SearchTerms}); {@code version} is bumped on every change.
 * {@code attachment} is the id of the file the article offers for download (a 资源中心
 * article's white paper), or null. {@code featured} marks the home page's 头条 (at most
 * one, the last featured: {@code featuredAt}); {@code oldSlugs} are the slugs it was
 * published under before, which redirect to {@code slug}; {@code revisions} counts its
 * saves, each kept in {@link ArticleRevisions}.
 */
@Document(ArticleRepository.COLLECTION)
public record Article(@Id String id, String slug, String title, String summary, String body, String coverImage,
		String category, List<String> tags, String author, List<Source> sources, ArticleStatus status,
		Instant publishedAt, Instant createdAt, Instant updatedAt, int readingMinutes, long version, boolean slugFrozen,
		List<String> searchTerms, String attachment, Boolean featured, Instant featuredAt, List<String> oldSlugs,
		String lastEditor, Integer revisions) {

	/**
	 * Articles stored before the 头条 and revisions were have neither field: they read as
	 * not featured, with no save counted.
	 */
	public Article {
		featured = featured != null && featured;
		revisions = (revisions != null) ? revisions : 0;
	}

	@Schema(description = "原文来源")
	public record Source(@Schema(description = "来源名称", example = "示例科技研究院") String name, @Schema(description = "来源链接",
			example = "https://www.example.com/reports/ai-quality-inspection") String url) {
	}

	/** The status readers see: a scheduled article whose time has come is published. */
	public ArticleStatus effectiveStatus(Instant now) {
		if (this.status == ArticleStatus.SCHEDULED && this.publishedAt != null && !this.publishedAt.isAfter(now)) {
			return ArticleStatus.PUBLISHED;
		}
		return this.status;
	}

	/** Slugs it answered to once, never null. */
	public List<String> oldSlugsOrEmpty() {
		return (this.oldSlugs != null) ? this.oldSlugs : List.of();
	}

	public boolean isVisible(Instant now) {
		return effectiveStatus(now) == ArticleStatus.PUBLISHED;
	}

}
