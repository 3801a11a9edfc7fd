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

/**
 * Lists of published articles: filters, order, cursors, and the batch lookup other
 * services use.
 */
class ArticleListingIntegrationTests extends ArticleApiTestSupport {

	@Nested
	class Listing {

		@Test
		void groupFilterMatchesItsLeavesAndLeafFilterOnlyItself() throws Exception {
			publishedArticle("政策新闻", "policy", "监管");
			publishedArticle("金融案例", "finance", "金融");
			mvc.perform(get("/api/articles?category=news"))
				.andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("政策新闻")));
			mvc.perform(get("/api/articles?category=resources"))
				.andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("金融案例")));
			mvc.perform(get("/api/articles?category=cases"))
				.andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("金融案例")));
			mvc.perform(get("/api/articles?category=policy")).andExpect(jsonPath("$.items", hasSize(1)));
			mvc.perform(get("/api/articles")).andExpect(jsonPath("$.items", hasSize(2)));
		}

		@Test
		void unknownCategoryOrTagIsAnEmptyPage() throws Exception {
			publishedArticle("一篇", "policy", "监管");
			mvc.perform(get("/api/articles?category=nope"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items", hasSize(0)))
				.andExpect(jsonPath("$.nextCursor").value(nullValue()));
			mvc.perform(get("/api/articles?tag=nope"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items", hasSize(0)));
			mvc.perform(get("/api/articles?tag=监管")).andExpect(jsonPath("$.items", hasSize(1)));
		}

		@ParameterizedTest
		@ValueSource(strings = { "0", "51", "-1", "abc" })
		void limitOutsideOneToFiftyIsA400(String limit) throws Exception {
			mvc.perform(get("/api/articles?limit=" + limit))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

		@ParameterizedTest
		@ValueSource(strings = { "garbage", "aGVsbG8", "ks", "a3wxMjN8bm90LWFuLWlk" })
		void garbageCursorIsA400NamingTheCursor(String cursor) throws Exception {
			mvc.perform(get("/api/articles?cursor=" + cursor))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("cursor"));
		}

		@Test
		void draftsScheduledAndArchivedArticlesAreNotListed() throws Exception {
			create(articleJson("草稿", "tech", List.of(), null));
			create(articleJson("定时", "tech", List.of(), clock.instant().plusSeconds(3600).toString()));
			String archived = publishedArticle("归档", "tech");
			mvc.perform(delete("/api/admin/articles/" + archived).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
				.andExpect(status().isNoContent());
			publishedArticle("可见", "tech");
			mvc.perform(get("/api/articles"))
				.andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("可见")));
		}

		@Test
		void pagingNeverRepeatsOrSkipsWhileArticlesAreAdded() throws Exception {
			List<String> original = new ArrayList<>();
			for (int i = 0; i < 25; i++) {
				original.add(publishedArticle("文章 " + i, "tech"));
			}
			List<String> seen = new ArrayList<>();
			String cursor = null;
			int pages = 0;
			do {
				String url = "/api/articles?limit=7" + ((cursor == null) ? "" : "&cursor=" + cursor);
				String body = mvc.perform(get(url))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				seen.addAll(JsonPath.read(body, "$.items[*].id"));
				cursor = JsonPath.read(body, "$.nextCursor");
				// New articles arrive between every page.
				publishedArticle("新文章 " + pages, "tech");
				pages++;
			}
			while (cursor != null);
			assertThat(seen).doesNotHaveDuplicates();
			assertThat(seen).containsAll(original);
			assertThat(pages).isEqualTo(4);
		}

		@Test
		void newestFirstAndLastPageHasNoCursor() throws Exception {
			publishedArticle("旧", "tech");
			publishedArticle("新", "tech");
			mvc.perform(get("/api/articles?limit=2"))
				.andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("新", "旧")))
				.andExpect(jsonPath("$.items[0].body").doesNotExist())
				.andExpect(jsonPath("$.nextCursor").value(nullValue()));
		}

	}

	@Nested
	class BatchLookup {

		@Test
		void idsComeBackInTheOrderGivenUnknownOnesLeftOut() throws Exception {
			String a = publishedArticle("A", "tech");
			String b = publishedArticle("B", "tech");
			String draft = create(articleJson("草稿", "tech", List.of(), null));
			mvc.perform(get("/api/articles?ids=" + b + ",ffffffffffffffffffffffff," + a + ",not-an-id," + draft))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(b, a)))
				.andExpect(jsonPath("$.nextCursor").value(nullValue()));
		}

		@Test
		void moreThanAHundredIdsIsA400() throws Exception {
			String ids = String.join(",", java.util.Collections.nCopies(101, "ffffffffffffffffffffffff"));
			mvc.perform(get("/api/articles?ids=" + ids))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("ids"));
		}

	}

}
