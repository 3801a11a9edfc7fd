package com.accesspath.newsletter.site;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class TaxonomyTests {

	final SiteContent content = mock(SiteContent.class);

	final Taxonomy taxonomy = new Taxonomy(this.content);

	@Test
	void theLastKnownTreeIsKeptWhileArticleServiceDoesNotAnswer() {
		given(this.content.categories()).willReturn(Optional.of(TopicsTests.TREE), Optional.empty());
		this.taxonomy.refresh();
		this.taxonomy.refresh();
		assertThat(this.taxonomy.categoryKeys()).hasValueSatisfying(keys -> assertThat(keys).contains("group", "leaf"));
		assertThat(this.taxonomy.split(List.of("leaf", "大模型")).categories()).containsExactly("leaf");
	}

	@Test
	void aNewTreeReplacesTheOld() {
		given(this.content.categories()).willReturn(Optional.of(TopicsTests.TREE),
				Optional.of(List.of(new Category("renamed", "改名", List.of()))));
		this.taxonomy.refresh();
		this.taxonomy.refresh();
		assertThat(this.taxonomy.categoryKeys())
			.hasValueSatisfying(keys -> assertThat(keys).containsExactly("renamed"));
	}

	@Test
	void withoutAnyTreeTheTreeIsAskedForOnUseAtMostOncePerIntervalAndEveryTopicIsATag() {
		given(this.content.categories()).willReturn(Optional.empty());
		assertThat(this.taxonomy.categoryKeys()).isEmpty();
		assertThat(this.taxonomy.split(List.of("leaf", "大模型")).tags()).containsExactly("leaf", "大模型");
		// An outage is asked about once per interval, not once per request.
		verify(this.content, times(1)).categories();
	}

}
