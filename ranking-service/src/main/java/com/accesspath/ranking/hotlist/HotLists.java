package com.accesspath.ranking.hotlist;

import java.time.Instant;
import java.util.List;

import com.accesspath.ranking.catalog.ArticleMetadata;

/** The JSON shapes of the hot lists (API.md, "Views and hot lists"). */
public final class HotLists {

	private HotLists() {
	}

	public record ArticleRef(String id, String slug, String title, ArticleMetadata.Category category,
			Instant publishedAt, String coverImage) {

		static ArticleRef of(ArticleMetadata article) {
			return new ArticleRef(article.id(), article.slug(), article.title(), article.category(),
					article.publishedAt(), article.coverImage());
		}

	}

	public record HotItem(int rank, ArticleRef article, long views, long totalViews) {
	}

	/**
	 * {@code stale} is true when Redis could not be reached and an older result is
	 * served.
	 */
	public record HotList(String window, Instant generatedAt, List<HotItem> items, boolean stale) {
	}

	public record HotTag(String tag, long score) {
	}

}
