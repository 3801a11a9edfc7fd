package com.accesspath.ranking.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param repeatWindow a visitor's views of one article count once within this window
 * @param botUserAgents User-Agent fragments (plain text, case-insensitive) whose views never count
 * @param hotListRefresh a window's hot list is recomputed at most this often (per window and category)
 * @param hotListSize how many items each computed list keeps (the largest {@code limit} a client may ask)
 * @param snapshotInterval how often all-time totals are copied to MongoDB (the worst-case loss window)
 * @param articleServiceUrl where article-service is (its batch lookup fills the article catalog)
 * @param categoryGroups group key to leaf keys, for {@code category=<group>} filters
 */
@ConfigurationProperties("accesspath.ranking")
public record RankingProperties(@DefaultValue("30m") Duration repeatWindow,
		@DefaultValue({ "bot", "spider", "crawler", "slurp", "bingpreview", "python-requests", "wget", "scrapy" }) List<String> botUserAgents,
		@DefaultValue("5s") Duration hotListRefresh, @DefaultValue("50") int hotListSize,
		@DefaultValue("30s") Duration snapshotInterval, @DefaultValue("http://localhost:8081") URI articleServiceUrl,
		@DefaultValue("500ms") Duration articleServiceTimeout, @DefaultValue("50000") long catalogSize,
		@DefaultValue("10m") Duration catalogTimeToLive, Map<String, List<String>> categoryGroups) {

	/** Whether {@code category} is a group or a leaf this service knows (others are not computed at all). */
	public boolean isKnownCategory(String category) {
		return this.categoryGroups != null && (this.categoryGroups.containsKey(category)
				|| this.categoryGroups.values().stream().anyMatch(leaves -> leaves.contains(category)));
	}

	public List<String> leavesOf(String category) {
		if (this.categoryGroups != null && this.categoryGroups.containsKey(category)) {
			return this.categoryGroups.get(category);
		}
		return List.of(category);
	}

}
