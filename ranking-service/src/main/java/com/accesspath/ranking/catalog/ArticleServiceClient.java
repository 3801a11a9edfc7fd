package com.accesspath.ranking.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import com.accesspath.ranking.catalog.CategoryTree.Category;

/**
 * What ranking reads of article-service (API.md, "Articles"): the batch lookup and the
 * taxonomy. Registered as the HTTP service group {@code article-service}
 * ({@link ArticleServiceClientConfiguration}); called only through
 * {@link ArticleServiceCalls}.
 */
@HttpExchange
public interface ArticleServiceClient {

	/**
	 * {@code GET /api/articles?ids=a,b,c}: summaries in the order given, unknown ids left
	 * out.
	 */
	@GetExchange("/api/articles")
	ArticlePage byIds(@RequestParam("ids") String commaSeparatedIds);

	/** {@code GET /api/categories}: the taxonomy tree. */
	@GetExchange("/api/categories")
	List<Category> categories();

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ArticlePage(List<ArticleMetadata> items) {
	}

}
