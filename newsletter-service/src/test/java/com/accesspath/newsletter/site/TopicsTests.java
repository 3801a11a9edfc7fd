package com.accesspath.newsletter.site;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTests {

	static final List<Category> TREE = List.of(
			new Category("group", "分组",
					List.of(new Category("leaf", "分类", List.of()), new Category("other-leaf", "另一类", null))),
			new Category("single", "单独", List.of()));

	@Test
	void keysOfATreeAreItsGroupsAndLeaves() {
		assertThat(Topics.keysOf(TREE)).containsExactlyInAnyOrder("group", "leaf", "other-leaf", "single");
		assertThat(Topics.keysOf(null)).isEmpty();
	}

	@Test
	void topicsFoundInTheTreeAreCategoriesAndTheRestTags() {
		Topics topics = Topics.split(List.of("大模型", "group", "Agent", "leaf"), Topics.keysOf(TREE));
		assertThat(topics.categories()).containsExactly("group", "leaf");
		assertThat(topics.tags()).containsExactly("大模型", "Agent");
	}

	@Test
	void aTagThatLooksLikeAKeyIsStillATag() {
		Topics topics = Topics.split(List.of("made-up", "rag"), Set.of("group"));
		assertThat(topics.categories()).isEmpty();
		assertThat(topics.tags()).containsExactly("made-up", "rag");
	}

	@Test
	void duplicatesAreDroppedAndNoTopicsSplitIntoNothing() {
		assertThat(Topics.split(List.of("group", "group", "x", "x"), Set.of("group")))
			.isEqualTo(new Topics(List.of("group"), List.of("x")));
		assertThat(Topics.split(List.of(), Set.of("group"))).isEqualTo(new Topics(List.of(), List.of()));
	}

}
