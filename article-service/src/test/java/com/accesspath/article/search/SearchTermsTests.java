package com.accesspath.article.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermsTests {

	private final SearchTerms terms = new SearchTerms();

	@Test
	void chineseIsSegmentedIntoWordsAndTheWordsInsideLongOnes() {
		List<String> document = this.terms.ofDocument("北约与OpenAI合作部署机密网络", "人工智能进入国防", "<p>大语言模型</p>", List.of());
		assertThat(document).contains("北约", "openai", "合作", "机密", "网络", "人工智能", "语言", "模型");
		assertThat(document).doesNotContain("与", "<p>", "p");
	}

	@Test
	void tagsCountWholeAndSegmentedAndComeFirst() {
		List<String> document = this.terms.ofDocument("标题", null, null, List.of("Prompt Engineering"));
		assertThat(document.get(0)).isEqualTo("prompt engineering");
		assertThat(document).contains("prompt", "engineering");
	}

	@Test
	void aQueryOfStopWordsAndPunctuationFindsNothing() {
		assertThat(this.terms.ofQuery("的 了 和 ,。!")).isEmpty();
		assertThat(this.terms.ofQuery(null)).isEmpty();
		assertThat(this.terms.ofQuery("   ")).isEmpty();
	}

	@Test
	void aMultiWordQueryAlsoMatchesAsAWhole() {
		assertThat(this.terms.ofQuery("Prompt Engineering")).contains("prompt", "engineering", "prompt engineering");
		assertThat(this.terms.ofQuery("RAG")).containsExactly("rag");
	}

	@Test
	void aLongBodyKeepsAtMostTheLimitOfDistinctTerms() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < SearchTerms.MAX_TERMS + 500; i++) {
			body.append("word").append(i).append(' ');
		}
		assertThat(this.terms.ofDocument("t", null, body.toString(), List.of())).hasSize(SearchTerms.MAX_TERMS);
	}

	@Test
	void plainTextDropsTagsAndDecodesTheSanitisersEntities() {
		assertThat(SearchTerms.plainText("<p>a&nbsp;&lt;b&gt; &quot;c&#39; &#64;d &amp;e</p>"))
			.isEqualTo(" a <b> \"c' @d &e ");
		assertThat(SearchTerms.plainText(null)).isEmpty();
	}

}
