package com.accesspath.ranking.catalog;

import java.time.Duration;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.config.RankingProperties;

/**
 * The site's taxonomy, read from article-service, its only source: at start and then
 * every {@code accesspath.ranking.taxonomy-refresh}. While article-service cannot be
 * asked the last tree read is kept, so an outage changes nothing for lists by category;
 * only before the first read do they answer 503.
 */
@Component
public class Categories implements SchedulingConfigurer {

	private final ArticleServiceClient client;

	private final ArticleServiceCalls calls;

	private final Duration refreshInterval;

	/** The last tree read; null until the first read succeeds. */
	private volatile CategoryTree tree;

	Categories(ArticleServiceClient client, ArticleServiceCalls calls, RankingProperties properties) {
		this.client = client;
		this.calls = calls;
		this.refreshInterval = properties.taxonomyRefresh();
	}

	/**
	 * The last tree read, read now if there is none yet; throws
	 * {@link ArticleServiceUnavailableException} if that fails.
	 */
	public CategoryTree tree() {
		CategoryTree current = this.tree;
		return (current != null) ? current : refresh();
	}

	/**
	 * Reads the tree again; when that fails, returns the last one read (or throws if
	 * there is none), and says so once per outage.
	 */
	public CategoryTree refresh() {
		try {
			CategoryTree read = CategoryTree.of(this.calls.call(this.client::categories));
			this.tree = read;
			return read;
		}
		catch (ArticleServiceUnavailableException ex) {
			CategoryTree last = this.tree;
			if (last == null) {
				this.calls.degraded("hot lists by category answer 503 until the taxonomy is read", ex);
				throw ex;
			}
			this.calls.degraded("hot lists by category use the last taxonomy read", ex);
			return last;
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::refreshOnSchedule, this.refreshInterval);
	}

	private void refreshOnSchedule() {
		try {
			refresh();
		}
		catch (ArticleServiceUnavailableException ex) {
			// Already reported by refresh() as a fallback; the next request by category
			// or the next run tries again.
		}
	}

}
