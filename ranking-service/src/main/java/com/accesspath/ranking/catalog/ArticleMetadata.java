package com.accesspath.ranking.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What ranking needs to know of an article; read from article-service's summaries (other
 * fields ignored).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleMetadata(String id, String slug, String title, Category category, List<String> tags,
		Instant publishedAt, String coverImage) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Category(String key, String name) {
	}

	public String categoryKey() {
		return (this.category == null) ? null : this.category.key();
	}

	public List<String> tagsOrEmpty() {
		return (this.tags == null) ? List.of() : this.tags;
	}

}
