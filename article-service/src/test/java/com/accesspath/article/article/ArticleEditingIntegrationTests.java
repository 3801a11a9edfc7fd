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

/** The editor's API: create, update with If-Match, publish, schedule, archive. */
class ArticleEditingIntegrationTests extends ArticleApiTestSupport {

	@Nested
	class Editing {

		@Test
		void createNeedsAnEditorToken() throws Exception {
			String json = articleJson("标题", "tech", List.of(), null);
			mvc.perform(post("/api/admin/articles").contentType(MediaType.APPLICATION_JSON).content(json))
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json)).andExpect(status().isUnauthorized());
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("ADMIN"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json)).andExpect(status().isCreated());
			assertThat(storedArticles()).isEqualTo(1);
		}

		@Test
		void createdArticleIsADraftWithLocationSlugAndReadingTime() throws Exception {
			String body = "<p>" + "人工智能".repeat(250) + "</p>";
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "企业如何落地大模型", "body": "%s", "category": "knowledge", "tags": ["大模型"]}
						""".formatted(body)))
				.andExpect(status().isCreated())
				.andExpect(header().string(HttpHeaders.LOCATION, containsString("/api/admin/articles/")))
				.andExpect(jsonPath("$.status").value("DRAFT"))
				.andExpect(jsonPath("$.slug").value("qi-ye-ru-he-luo-di-da-mo-xing"))
				.andExpect(jsonPath("$.readingMinutes").value(3))
				.andExpect(jsonPath("$.version").value(1))
				.andExpect(jsonPath("$.author.name").value("AccessPath 编辑部"));
		}

		@Test
		void generatedSlugsAreUniqueAndAGivenSlugInUseIsA400() throws Exception {
			String first = create(articleJson("同名", "tech", List.of(), null));
			String second = create(articleJson("同名", "tech", List.of(), null));
			String firstSlug = repository.findById(first).orElseThrow().slug();
			String secondSlug = repository.findById(second).orElseThrow().slug();
			assertThat(firstSlug).isEqualTo("tong-ming");
			assertThat(secondSlug).startsWith("tong-ming-").isNotEqualTo(firstSlug);
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "x", "body": "y", "category": "tech", "slug": "tong-ming"}
						""")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("slug"));
		}

		@Test
		void bodiesAreSanitised() throws Exception {
			String id = create(
					"""
							{"title": "净化", "category": "tech", "publishAt": "2020-01-01T00:00:00Z",
							 "body": "<p onclick=\\"steal()\\">文字<script>alert(1)</script><a href=\\"javascript:alert(1)\\">坏链接</a><a href=\\"https://example.com/x\\">好链接</a><img src=\\"https://example.com/a.png\\" onerror=\\"x()\\"><iframe src=\\"https://evil\\"></iframe></p>"}
							""");
			String body = JsonPath
				.read(mvc.perform(get("/api/articles/" + id)).andReturn().getResponse().getContentAsString(), "$.body");
			assertThat(body).doesNotContain("<script", "onclick", "onerror", "javascript:", "iframe", "alert(1)")
				.contains("文字", "href=\"https://example.com/x\"", "<img src=\"https://example.com/a.png\"", "好链接");
		}

		@Test
		void staleIfMatchIs412AndMissingIs428() throws Exception {
			String id = create(articleJson("版本", "tech", List.of(), null));
			String update = articleJson("版本二", "tech", List.of(), null);
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(update)).andExpect(status().isPreconditionRequired());
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(update))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
				.andExpect(jsonPath("$.title").value("版本二"));
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(articleJson("覆盖", "tech", List.of(), null)))
				.andExpect(status().isPreconditionFailed())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			assertThat(repository.findById(id).orElseThrow().title()).isEqualTo("版本二");
			mvc.perform(put("/api/admin/articles/ffffffffffffffffffffffff")
				.header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(update)).andExpect(status().isNotFound());
		}

		@Test
		void schedulingIsDoneByPublishNotByAnEdit() throws Exception {
			String id = create(articleJson("编辑", "tech", List.of(), null));
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(articleJson("编辑", "tech", List.of(), "2030-01-01T00:00:00Z")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("publishAt"));
		}

		@Test
		void aPublishedSlugThatChangesKeepsRedirecting() throws Exception {
			String id = create(articleJson("稳定", "tech", List.of(), null));
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "稳定", "body": "b", "category": "tech", "slug": "stable-one"}
						""")).andExpect(status().isOk()).andExpect(jsonPath("$.slug").value("stable-one"));
			mvc.perform(
					post("/api/admin/articles/" + id + "/publish").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("PUBLISHED"));
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"3\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "稳定", "body": "b", "category": "tech", "slug": "changed"}
						""")).andExpect(status().isOk()).andExpect(jsonPath("$.slug").value("changed"));
			// Every link shared before the change still leads to the article.
			mvc.perform(get("/api/articles/stable-one"))
				.andExpect(status().isMovedPermanently())
				.andExpect(header().string(HttpHeaders.LOCATION, "/api/articles/changed"));
			mvc.perform(get("/api/articles/changed")).andExpect(status().isOk());
			// An old slug is never given to another article, and going back to it works.
			String other = create(articleJson("另一篇", "tech", List.of(), null));
			mvc.perform(put("/api/admin/articles/" + other).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "另一篇", "body": "b", "category": "tech", "slug": "stable-one"}
						""")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("slug"));
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"4\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "稳定", "body": "b", "category": "tech", "slug": "stable-one"}
						""")).andExpect(status().isOk());
			mvc.perform(get("/api/articles/stable-one")).andExpect(status().isOk());
			mvc.perform(get("/api/articles/changed"))
				.andExpect(status().isMovedPermanently())
				.andExpect(header().string(HttpHeaders.LOCATION, "/api/articles/stable-one"));
			// An archived article's old slugs redirect nowhere.
			mvc.perform(delete("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
				.andExpect(status().isNoContent());
			mvc.perform(get("/api/articles/changed")).andExpect(status().isNotFound());
		}

		@Test
		void scheduledArticleAppearsWhenItsTimeComesWithoutAJob() throws Exception {
			String id = create(articleJson("定时发布", "tech", List.of(), null));
			Instant at = clock.instant().plus(Duration.ofHours(2));
			mvc.perform(
					post("/api/admin/articles/" + id + "/publish").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"publishAt\": \"" + at + "\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("SCHEDULED"));
			mvc.perform(get("/api/articles/" + id)).andExpect(status().isNotFound());
			mvc.perform(get("/api/articles")).andExpect(jsonPath("$.items", hasSize(0)));
			clock.advance(Duration.ofHours(2).plusSeconds(1));
			mvc.perform(get("/api/articles/" + id))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("PUBLISHED"));
			mvc.perform(get("/api/articles")).andExpect(jsonPath("$.items[0].id").value(id));
		}

		@Test
		void editorsListShowsAllStatusesAndFiltersByStatus() throws Exception {
			create(articleJson("草稿", "tech", List.of(), null));
			publishedArticle("已发布", "tech");
			String auth = bearer("EDITOR");
			mvc.perform(get("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items", hasSize(2)));
			mvc.perform(get("/api/admin/articles?status=DRAFT").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("草稿")));
			mvc.perform(get("/api/admin/articles?status=NOPE").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isBadRequest());
			mvc.perform(get("/api/admin/articles?limit=1").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.nextCursor").isNotEmpty());
		}

	}

}
