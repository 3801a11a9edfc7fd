package com.accesspath.ranking.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/** article-service's batch lookup: {@code GET /api/articles?ids=a,b,c} (summaries in the order given). */
public interface ArticleServiceClient {

	@GetExchange("/api/articles")
	ArticlePage byIds(@RequestParam("ids") String commaSeparatedIds);

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ArticlePage(List<ArticleMetadata> items) {
	}

}
