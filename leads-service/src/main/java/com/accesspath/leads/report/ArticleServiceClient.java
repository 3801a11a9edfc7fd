package com.accesspath.leads.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * What the report reads of article-service's public API (API.md, "Articles", "Taxonomy"),
 * an HTTP service client of group {@code article-service} (address and time limits under
 * {@code spring.http.serviceclient.article-service.*}). Called only through
 * {@link ReportResources}, inside the {@code article-service} circuit breaker.
 */
@HttpExchange(accept = "application/json")
interface ArticleServiceClient {

	/** {@code GET /api/categories}: the taxonomy tree, its one source. */
	@GetExchange("/api/categories")
	List<Category> categories();

	/**
	 * {@code GET /api/articles?category=&tag=&limit=}: published summaries, newest first;
	 * a null tag is left out.
	 */
	@GetExchange("/api/articles")
	ArticlePage articles(@RequestParam String category, @RequestParam(required = false) String tag,
			@RequestParam int limit);

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ArticlePage(List<ArticleSummary> items) {
	}

	/** A node of the taxonomy: a leaf when it has no children. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Category(String key, String name, List<Category> children) {

		List<Category> childrenOrNone() {
			return (this.children != null) ? this.children : List.of();
		}

	}

}
