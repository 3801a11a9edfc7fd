package com.accesspath.article.article;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static com.accesspath.article.article.ArticleFixtures.articleJson;
import static com.accesspath.article.article.ArticleFixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An article's {@code attachment}: the id of a file the service holds, set by editors on
 * 资源中心 articles through the ordinary edit API, shown to readers with the article.
 */
class ArticleAttachmentIntegrationTests extends ArticleApiTestSupport {

	static final String GUIDE = "ai-landing-guide.pdf";

	static String withAttachment(String json, String attachment) {
		String changed = json.strip()
			.replaceFirst("}$", java.util.regex.Matcher.quoteReplacement(", \"attachment\": " + attachment + "}"));
		assertThat(changed).contains("\"attachment\"");
		return changed;
	}

	ResultActions edit(String id, String role, String json) throws Exception {
		return this.mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer(role))
			.header(HttpHeaders.IF_MATCH, "\"" + this.repository.findById(id).orElseThrow().version() + "\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	@Test
	void anEditorAttachesAKnownFileToAWhitepaperAndReadersSeeItsId() throws Exception {
		String publishAt = this.clock.instant().minusSeconds(1).toString();
		String id = create(
				withAttachment(articleJson("AI 落地指南", "whitepaper", List.of("AI 战略"), publishAt), "\"" + GUIDE + "\""));
		this.mvc.perform(get("/api/articles/" + id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.attachment").value(GUIDE));
		this.mvc.perform(get("/api/articles?category=whitepaper"))
			.andExpect(jsonPath("$.items[0].attachment").value(GUIDE));

		edit(id, "EDITOR", withAttachment(articleJson("AI 落地指南", "whitepaper", List.of("AI 战略"), null), "null"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.attachment").doesNotExist());
		assertThat(this.repository.findById(id).orElseThrow().attachment()).isNull();
	}

	@Test
	void anArticleWithoutOneHasNoAttachment() throws Exception {
		String id = publishedArticle("没有附件", "whitepaper");
		String json = this.mvc.perform(get("/api/articles/" + id)).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<Object>read(json, "$.attachment")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"nothing.pdf\"", "\"../application.yml\"", "\"..%2Fapplication.yml\"",
			"\"attachments/ai-landing-guide.pdf\"", "\"application.yml\"", "\"AI-LANDING-GUIDE.PDF\"", "\"\"", "12",
			"{\"$gt\": \"\"}", "[\"ai-landing-guide.pdf\"]" })
	void anythingButTheIdOfAKnownFileIs400AndStoresNothing(String attachment) throws Exception {
		this.mvc
			.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(withAttachment(articleJson("白皮书", "whitepaper", List.of(), null), attachment)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("attachment"));
		assertThat(storedArticles()).isZero();
	}

	@Test
	void onlyResourceCentreArticlesOfferAFile() throws Exception {
		String id = publishedArticle("快讯", "policy");
		edit(id, "EDITOR", withAttachment(articleJson("快讯", "policy", List.of(), null), "\"" + GUIDE + "\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("attachment"));
		assertThat(this.repository.findById(id).orElseThrow().attachment()).isNull();
	}

	@Test
	void onlyEditorsSetIt() throws Exception {
		String id = publishedArticle("白皮书", "whitepaper");
		String json = withAttachment(articleJson("白皮书", "whitepaper", List.of(), null), "\"" + GUIDE + "\"");
		edit(id, "SALES", json).andExpect(status().isForbidden());
		this.mvc
			.perform(put("/api/admin/articles/" + id).header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isUnauthorized());
		assertThat(this.repository.findById(id).orElseThrow().attachment()).isNull();
		edit(id, "EDITOR", json).andExpect(status().isOk()).andExpect(jsonPath("$.attachment").value(GUIDE));
	}

}
