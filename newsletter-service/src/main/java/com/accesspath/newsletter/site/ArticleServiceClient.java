package com.accesspath.newsletter.site;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * article-service's public API, as far as newsletters read it (HTTP service group
 * {@code article-service}).
 */
interface ArticleServiceClient {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ArticlePage(List<SiteContent.Article> items) {
	}

	@GetExchange("/api/articles")
	ArticlePage list(@RequestParam(name = "category", required = false) String category,
			@RequestParam(name = "tag", required = false) String tag, @RequestParam("limit") int limit);

	/** The taxonomy tree, the only source of category keys. */
	@GetExchange("/api/categories")
	List<Category> categories();

}
