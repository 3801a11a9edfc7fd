package com.accesspath.ranking.catalog;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.accesspath.ranking.catalog.CategoryTree.Category;

import static org.assertj.core.api.Assertions.assertThat;

/** Group → leaves, derived from a taxonomy tree of any depth. */
class CategoryTreeTests {

	static Category leaf(String key) {
		return new Category(key, key.toUpperCase(), List.of());
	}

	static Category group(String key, Category... children) {
		return new Category(key, key.toUpperCase(), List.of(children));
	}

	final CategoryTree tree = CategoryTree.of(List.of(group("news", leaf("flash"), leaf("tech")),
			group("resources", group("research", leaf("frontier")), group("cases", leaf("finance"), leaf("retail")))));

	@Test
	void aLeafMatchesItself() {
		assertThat(this.tree.leavesOf("tech")).containsExactly("tech");
	}

	@Test
	void aGroupMatchesEveryLeafBelowIt() {
		assertThat(this.tree.leavesOf("news")).containsExactly("flash", "tech");
		assertThat(this.tree.leavesOf("cases")).containsExactly("finance", "retail");
		assertThat(this.tree.leavesOf("resources")).containsExactly("frontier", "finance", "retail");
	}

	@Test
	void anUnknownKeyMatchesNothing() {
		assertThat(this.tree.leavesOf("sports")).isEmpty();
	}

	@Test
	void aNodeWithoutChildrenIsALeafAndNoTreeIsEmpty() {
		CategoryTree tree = CategoryTree.of(List.of(new Category("solo", "Solo", null)));
		assertThat(tree.leavesOf("solo")).containsExactly("solo");
		assertThat(CategoryTree.of(null).leavesOf("news")).isEmpty();
	}

	@Test
	void anEmptyGroupMatchesNothingButItself() {
		// An empty group is indistinguishable from a leaf in the tree article-service
		// serves: it is one.
		CategoryTree tree = CategoryTree.of(List.of(group("empty")));
		assertThat(tree.leavesOf("empty")).containsExactly("empty");
	}

}
