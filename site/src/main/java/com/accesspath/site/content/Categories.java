package com.accesspath.site.content;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.accesspath.site.backend.ArticleServiceClient;
import com.accesspath.site.backend.ArticleServiceClient.Category;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;

/**
 * The taxonomy, read from article-service's {@code /api/categories} (its one source) and
 * reused for {@code accesspath.site.cache.taxonomy-time-to-live}. While article-service
 * cannot be asked, the last tree read is used; only before any was read does a caller get
 * {@link BackendUnavailableException}.
 */
@Component
public class Categories {

	private static final String TREE = "tree";

	private final ArticleServiceClient client;

	private final ServiceCalls calls;

	private final Cache<String, List<Category>> fresh;

	/** The last tree read; null until the first read succeeds. */
	private volatile List<Category> lastRead;

	Categories(ArticleServiceClient client, ServiceCalls calls, SiteProperties properties) {
		this.client = client;
		this.calls = calls;
		this.fresh = Caffeine.newBuilder()
			.maximumSize(1)
			.expireAfterWrite(properties.cache().taxonomyTimeToLive())
			.build();
	}

	/** The roots of the tree, in menu order. */
	public List<Category> tree() {
		try {
			return this.fresh.get(TREE, key -> {
				List<Category> read = this.calls.call(Backend.ARTICLE, this.client::categories);
				List<Category> roots = (read != null) ? List.copyOf(read) : List.of();
				this.lastRead = roots;
				return roots;
			});
		}
		catch (BackendUnavailableException ex) {
			List<Category> last = this.lastRead;
			if (last == null) {
				this.calls.degraded(Backend.ARTICLE, "pages that need the taxonomy answer 503 until it is read", ex);
				throw ex;
			}
			this.calls.degraded(Backend.ARTICLE, "the last taxonomy read", ex);
			return last;
		}
	}

	/**
	 * The leaves of the first group (AI 资讯 on the site), in menu order: the home page's
	 * sections. No sections while no taxonomy was ever read.
	 */
	public List<String> leavesOfFirstGroup() {
		List<Category> roots;
		try {
			roots = tree();
		}
		catch (BackendUnavailableException ex) {
			return List.of();
		}
		List<String> leaves = new ArrayList<>();
		if (!roots.isEmpty()) {
			collectLeaves(roots.get(0), leaves);
		}
		return List.copyOf(leaves);
	}

	/** Every key of the tree, groups and leaves, in menu order. */
	public List<String> keys() {
		List<String> keys = new ArrayList<>();
		tree().forEach(root -> collectKeys(root, keys));
		return List.copyOf(keys);
	}

	/** Whether {@code key} names a group or a leaf. */
	public boolean contains(String key) {
		return keys().contains(key);
	}

	/**
	 * Reads the taxonomy again at the next request, keeping the last tree for a fallback.
	 */
	public void expire() {
		this.fresh.invalidateAll();
	}

	private static void collectLeaves(Category category, List<String> leaves) {
		if (category.isLeaf()) {
			leaves.add(category.key());
			return;
		}
		category.children().forEach(child -> collectLeaves(child, leaves));
	}

	private static void collectKeys(Category category, List<String> keys) {
		keys.add(category.key());
		if (!category.isLeaf()) {
			category.children().forEach(child -> collectKeys(child, keys));
		}
	}

}
