package com.accesspath.article.article;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.devstack.test.MutableClock;

import static com.accesspath.article.article.ArticleFixtures.articleJson;
import static com.accesspath.article.article.ArticleFixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** One published article by id or slug: visibility, caching headers, related articles. */
class ArticleReadIntegrationTests extends ArticleApiTestSupport {

	@Nested
	class SingleArticle {

		@Test
		void byIdAndBySlugWithEtagAnd304() throws Exception {
			String id = create(
					articleJson("OpenAI 与北约", "policy", List.of("OpenAI"), clock.instant().minusSeconds(5).toString()));
			MvcResult first = mvc.perform(get("/api/articles/" + id))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("public")))
				.andExpect(jsonPath("$.body").value(containsString("正文")))
				.andExpect(jsonPath("$.category.name").value("政策"))
				.andReturn();
			String etag = first.getResponse().getHeader(HttpHeaders.ETAG);
			String slug = JsonPath.read(first.getResponse().getContentAsString(), "$.slug");
			assertThat(slug).matches("[a-z0-9-]+").startsWith("openai-yu-bei-yue");
			mvc.perform(get("/api/articles/" + slug))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, etag));
			mvc.perform(get("/api/articles/" + slug).header(HttpHeaders.IF_NONE_MATCH, etag))
				.andExpect(status().isNotModified());
			mvc.perform(get("/api/articles/" + slug).header(HttpHeaders.IF_NONE_MATCH, "\"other\""))
				.andExpect(status().isOk());
		}

		@Test
		void unknownDraftAndArchivedAre404() throws Exception {
			String draft = create(articleJson("草稿", "tech", List.of(), null));
			mvc.perform(get("/api/articles/" + draft))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(get("/api/articles/no-such-slug")).andExpect(status().isNotFound());
			String archived = publishedArticle("归档", "tech");
			mvc.perform(get("/api/articles/" + archived)).andExpect(status().isOk());
			mvc.perform(delete("/api/admin/articles/" + archived).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")));
			mvc.perform(get("/api/articles/" + archived)).andExpect(status().isNotFound());
		}

		@Test
		void anEditIsVisibleAtOnceDespiteTheCache() throws Exception {
			String id = publishedArticle("原标题", "tech");
			mvc.perform(get("/api/articles/" + id)).andExpect(jsonPath("$.title").value("原标题"));
			long version = ((Number) JsonPath
				.read(mvc.perform(get("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
					.andReturn()
					.getResponse()
					.getContentAsString(), "$.version"))
				.longValue();
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(articleJson("新标题", "tech", List.of(), null))).andExpect(status().isOk());
			mvc.perform(get("/api/articles/" + id)).andExpect(jsonPath("$.title").value("新标题"));
		}

		@Test
		void relatedByMostSharedTagsNeverItself() throws Exception {
			String main = publishedArticle("主文", "tech", "A", "B", "C");
			String one = publishedArticle("一个相同", "tech", "A");
			String two = publishedArticle("两个相同", "tech", "A", "B");
			publishedArticle("无关", "tech", "Z");
			mvc.perform(get("/api/articles/" + main + "/related"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains(two, one)));
			mvc.perform(get("/api/articles/" + main + "/related?limit=0")).andExpect(status().isBadRequest());
		}

		@Test
		void tagsCountedByPublishedArticles() throws Exception {
			publishedArticle("一", "tech", "大模型", "Agent");
			publishedArticle("二", "tech", "大模型");
			create(articleJson("草稿", "tech", List.of("Agent", "RAG"), null));
			mvc.perform(get("/api/tags"))
				.andExpect(jsonPath("$[0].tag").value("大模型"))
				.andExpect(jsonPath("$[0].articles").value(2))
				.andExpect(jsonPath("$[1].tag").value("Agent"))
				.andExpect(jsonPath("$[1].articles").value(1))
				.andExpect(jsonPath("$[*].tag").value(not(hasItem("RAG"))));
		}

	}

}
