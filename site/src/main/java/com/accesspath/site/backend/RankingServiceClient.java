package com.accesspath.site.backend;

import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * What the site reads of ranking-service (API.md, "Views and hot lists"). Called only
 * through {@link ServiceCalls}.
 */
@HttpExchange
public interface RankingServiceClient {

	/** {@code GET /api/views/{articleId}}: {@code {articleId, views}}. */
	@GetExchange("/api/views/{articleId}")
	JsonNode views(@PathVariable String articleId);

	/**
	 * {@code GET /api/rankings/hot?window=&limit=}: {@code {window, generatedAt, items}}.
	 */
	@GetExchange("/api/rankings/hot")
	JsonNode hot(@RequestParam String window, @RequestParam int limit);

	/** {@code GET /api/rankings/tags?limit=}: {@code [{tag, score}]}. */
	@GetExchange("/api/rankings/tags")
	JsonNode hotTags(@RequestParam int limit);

}
