package com.accesspath.article.category;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaxonomyTests {

	@Test
	void aLeafMatchesItselfAndAGroupEveryLeafBelowIt() {
		assertThat(Taxonomy.leavesOf("policy")).containsExactly("policy");
		assertThat(Taxonomy.leavesOf("reports")).containsExactly("whitepaper", "industry-report", "research-report",
				"tech-talk", "special-report");
		assertThat(Taxonomy.leavesOf("resources")).hasSize(13).contains("frontier", "whitepaper", "manufacturing");
	}

	@Test
	void unknownKeysMatchNothingAndOnlyLeavesCanBeAnArticlesCategory() {
		assertThat(Taxonomy.leavesOf("sports")).isEmpty();
		assertThat(Taxonomy.leaf("flash")).hasValueSatisfying(leaf -> assertThat(leaf.name()).isEqualTo("快讯"));
		assertThat(Taxonomy.leaf("news")).isEmpty();
		assertThat(Taxonomy.leaf("nope")).isEmpty();
	}

	@Test
	void everyKeyIsUnique() {
		Set<String> keys = new HashSet<>();
		ArrayDeque<Taxonomy.Category> queue = new ArrayDeque<>(Taxonomy.TREE);
		while (!queue.isEmpty()) {
			Taxonomy.Category category = queue.pop();
			assertThat(keys.add(category.key())).as("duplicate key %s", category.key()).isTrue();
			queue.addAll(category.children());
		}
		assertThat(keys).hasSize(2 + 6 + 3 + 13);
	}

}
