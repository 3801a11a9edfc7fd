package com.accesspath.newsletter.site;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/** ranking-service's hot list (HTTP service group {@code ranking-service}). */
interface RankingServiceClient {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record HotList(List<SiteContent.HotItem> items) {
	}

	@GetExchange("/api/rankings/hot")
	HotList hot(@RequestParam("window") String window, @RequestParam("limit") int limit);

}
