package com.accesspath.ranking.hotlist;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

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

	@Schema(description = "热门标签")
	public record HotTag(@Schema(description = "标签", example = "大模型") String tag,
			@Schema(description = "热度:近 7 天带此标签文章的阅读量", example = "5820") long score) {
	}

}
