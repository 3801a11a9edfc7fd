package com.accesspath.newsletter.site;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * article-service's taxonomy, read from its {@code GET /api/categories} at start and then
 * on a schedule ({@code accesspath.newsletter.taxonomy-refresh}). When article-service
 * does not answer, the last known tree stays (the fallback is logged by
 * {@link SiteContent}); before any tree was read, one is asked for on first use.
 */
@Component
public class Taxonomy {

	private final SiteContent content;

	private volatile Set<String> categoryKeys;

	Taxonomy(SiteContent content) {
		this.content = content;
	}

	@Scheduled(fixedDelayString = "${accesspath.newsletter.taxonomy-refresh}")
	void refresh() {
		this.content.categories().ifPresent(tree -> this.categoryKeys = Topics.keysOf(tree));
	}

	/**
	 * Every category key (groups and leaves), empty while article-service has never
	 * answered.
	 */
	public Optional<Set<String>> categoryKeys() {
		if (this.categoryKeys == null) {
			refresh();
		}
		return Optional.ofNullable(this.categoryKeys);
	}

	/**
	 * Tells a subscriber's topics apart; while no tree is known, every topic counts as a
	 * tag.
	 */
	public Topics split(List<String> topics) {
		return Topics.split(topics, categoryKeys().orElse(Set.of()));
	}

}
