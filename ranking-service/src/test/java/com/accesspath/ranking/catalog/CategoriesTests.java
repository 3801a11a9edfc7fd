package com.accesspath.ranking.catalog;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.ranking.catalog.CategoryTree.Category;
import com.accesspath.ranking.config.RankingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The taxonomy is article-service's: read on demand until known, then kept whenever a new
 * read fails.
 */
class CategoriesTests {

	/** What article-service answers: a tree, or (null) a failure. */
	final AtomicReference<List<Category>> served = new AtomicReference<>();

	final ArticleServiceClient client = new ArticleServiceClient() {

		@Override
		public ArticlePage byIds(String commaSeparatedIds) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<Category> categories() {
			List<Category> tree = CategoriesTests.this.served.get();
			if (tree == null) {
				throw new IllegalStateException("article-service is down");
			}
			return tree;
		}

	};

	final Fallbacks fallbacks = new Fallbacks();

	final Categories categories = new Categories(this.client,
			new ArticleServiceCalls(CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(), this.fallbacks),
			new RankingProperties(Duration.ofMinutes(30), List.of(), Duration.ofSeconds(5), Duration.ofSeconds(1), 50,
					16, Duration.ofSeconds(30), 100, Duration.ofMinutes(10), Duration.ofMinutes(5)));

	static List<Category> tree(String group, String... leaves) {
		return List.of(new Category(group, group,
				List.of(leaves).stream().map(leaf -> new Category(leaf, leaf, List.of())).toList()));
	}

	@Test
	void theTreeIsReadOnFirstUse() {
		this.served.set(tree("g", "a", "b"));
		assertThat(this.categories.tree().leavesOf("g")).containsExactly("a", "b");
	}

	@Test
	void withoutATreeReadYetAFailureIsUnavailable() {
		assertThatExceptionOfType(ArticleServiceUnavailableException.class).isThrownBy(this.categories::tree);
		assertThat(this.fallbacks.isDegraded("article-service")).isTrue();
		this.served.set(tree("g", "a"));
		assertThat(this.categories.tree().leavesOf("g")).containsExactly("a");
		assertThat(this.fallbacks.isDegraded("article-service")).isFalse();
	}

	@Test
	void aFailedRefreshKeepsTheLastTreeAndANewTreeReplacesIt() {
		this.served.set(tree("g", "a"));
		this.categories.refresh();
		this.served.set(null);
		assertThat(this.categories.refresh().leavesOf("g")).containsExactly("a");
		assertThat(this.fallbacks.isDegraded("article-service")).isTrue();
		this.served.set(tree("h", "b"));
		this.categories.refresh();
		assertThat(this.categories.tree().leavesOf("g")).isEmpty();
		assertThat(this.categories.tree().leavesOf("h")).containsExactly("b");
	}

}
