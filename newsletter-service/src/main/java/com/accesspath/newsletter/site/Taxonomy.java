package com.accesspath.newsletter.site;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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

	/**
	 * Before any tree was read, requests ask article-service themselves, at most this
	 * often: the others answer 503 at once instead of each waiting for the same outage.
	 */
	static final Duration ASK_AT_MOST_EVERY = Duration.ofSeconds(5);

	private volatile Set<String> categoryKeys;

	private final AtomicLong lastAskedNanos = new AtomicLong(System.nanoTime() - ASK_AT_MOST_EVERY.toNanos());

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
		long asked = this.lastAskedNanos.get();
		long now = System.nanoTime();
		if (this.categoryKeys == null && now - asked >= ASK_AT_MOST_EVERY.toNanos()
				&& this.lastAskedNanos.compareAndSet(asked, now)) {
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
