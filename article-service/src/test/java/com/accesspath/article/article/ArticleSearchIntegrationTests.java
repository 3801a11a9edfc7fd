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

/** Search by words, in Chinese and English. */
class ArticleSearchIntegrationTests extends ArticleApiTestSupport {

	@Nested
	class Search {

		@Test
		void findsChineseAndEnglishWordsRankedByMatchesThenRecency() throws Exception {
			String nato = publishedArticle("OpenAI 与北约商谈在机密网络中部署 AI 系统", "policy", "OpenAI", "北约");
			String older = publishedArticle("北约峰会讨论网络安全", "policy", "北约");
			String newer = publishedArticle("北约再谈防务预算", "policy");
			publishedArticle("零售品牌用 AI 写文案", "retail", "内容生成");
			mvc.perform(get("/api/articles").param("q", "北约"))
				.andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(newer, older, nato)));
			mvc.perform(get("/api/articles").param("q", "OpenAI"))
				.andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(nato)));
			mvc.perform(get("/api/articles").param("q", "openai 北约")).andExpect(jsonPath("$.items[0].id").value(nato));
			mvc.perform(get("/api/articles").param("q", "防务"))
				.andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(newer)));
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "的", "的 了 和", "!!!", "，。、", "the of" })
		void onlyStopWordsOrPunctuationIsAnEmptyPage(String q) throws Exception {
			publishedArticle("的了和 the of", "tech");
			mvc.perform(get("/api/articles").param("q", q))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items", hasSize(0)));
		}

		@Test
		void searchPagesWithItsOwnCursor() throws Exception {
			for (int i = 0; i < 5; i++) {
				publishedArticle("大模型应用 " + i, "tech");
			}
			String body = mvc.perform(get("/api/articles").param("q", "大模型").param("limit", "3"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			String cursor = JsonPath.read(body, "$.nextCursor");
			Set<String> ids = new HashSet<>(JsonPath.read(body, "$.items[*].id"));
			// A new match published between pages ranks first for new searches but shifts
			// nothing here.
			clock.advance(Duration.ofSeconds(2));
			publishedArticle("大模型 大模型应用 新", "tech");
			String second = mvc
				.perform(get("/api/articles").param("q", "大模型").param("limit", "3").param("cursor", cursor))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<String> more = JsonPath.read(second, "$.items[*].id");
			assertThat(more).hasSize(2).noneMatch(ids::contains);
		}

	}

}
