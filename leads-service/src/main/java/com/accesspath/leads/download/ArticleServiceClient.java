package com.accesspath.leads.download;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * article-service's public API, an HTTP service client of group {@code article-service}
 * (address and time limits under {@code spring.http.serviceclient.article-service.*}).
 */
@HttpExchange(accept = "application/json")
public interface ArticleServiceClient {

	/** {@code GET /api/articles/{slug}}: a published article, else a 404. */
	@GetExchange("/api/articles/{slug}")
	Article article(@PathVariable String slug);

	/** What a download needs of an article. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Article(String slug, String title, String attachment) {
	}

}
