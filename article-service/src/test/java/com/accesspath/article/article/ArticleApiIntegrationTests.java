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

@ArticleIntegrationTest
class ArticleApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ArticleRepository repository;

	@Autowired
	PublishedArticleCache cache;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void emptyDatabase() {
		this.mongo.dropCollection(Article.class);
		this.repository.createIndexes();
		this.cache.clear();
		this.clock.reset();
	}

	String create(String json) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	String publishedArticle(String title, String category, String... tags) throws Exception {
		String publishAt = this.clock.instant().minusSeconds(1).toString();
		this.clock.advance(Duration.ofSeconds(1));
		return create(articleJson(title, category, List.of(tags), publishAt));
	}

	long storedArticles() {
		return this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), Article.class);
	}

	@Nested
	class Categories {

		@Test
		void taxonomyHasTheContractsGroupsAndLeaves() throws Exception {
			mvc.perform(get("/api/categories"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].key").value("news"))
				.andExpect(jsonPath("$[0].name").value("AI 资讯"))
				.andExpect(jsonPath("$[0].children[*].key").value(org.hamcrest.Matchers.contains("flash", "product", "tech",
						"business", "policy", "startup")))
				.andExpect(jsonPath("$[1].key").value("resources"))
				.andExpect(jsonPath("$[1].children[*].key").value(org.hamcrest.Matchers.contains("research", "reports", "cases")))
				.andExpect(jsonPath("$[1].children[2].children[0].key").value("finance"))
				.andExpect(jsonPath("$[1].children[2].children[0].name").value("金融行业"));
		}

	}

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
			mvc.perform(get("/api/articles?tag=nope")).andExpect(status().isOk()).andExpect(jsonPath("$.items", hasSize(0)));
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
			mvc.perform(get("/api/articles")).andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("可见")));
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
				String body = mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
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
	class SingleArticle {

		@Test
		void byIdAndBySlugWithEtagAnd304() throws Exception {
			String id = create(articleJson("OpenAI 与北约", "policy", List.of("OpenAI"), clock.instant().minusSeconds(5).toString()));
			MvcResult first = mvc.perform(get("/api/articles/" + id))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("public")))
				.andExpect(jsonPath("$.body").value(containsString("正文")))
				.andExpect(jsonPath("$.category.name").value("政策"))
				.andReturn();
			String etag = first.getResponse().getHeader(HttpHeaders.ETAG);
			String slug = JsonPath.read(first.getResponse().getContentAsString(), "$.slug");
			assertThat(slug).matches("[a-z0-9-]+").startsWith("openai-yu-bei-yue");
			mvc.perform(get("/api/articles/" + slug)).andExpect(status().isOk()).andExpect(header().string(HttpHeaders.ETAG, etag));
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
			long version = ((Number) JsonPath.read(mvc.perform(get("/api/admin/articles/" + id)
				.header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))).andReturn().getResponse().getContentAsString(), "$.version"))
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
			mvc.perform(get("/api/articles?ids=" + ids)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("ids"));
		}

	}

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
			mvc.perform(get("/api/articles").param("q", "openai 北约"))
				.andExpect(jsonPath("$.items[0].id").value(nato));
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
			// A new match published between pages ranks first for new searches but shifts nothing here.
			clock.advance(Duration.ofSeconds(2));
			publishedArticle("大模型 大模型应用 新", "tech");
			String second = mvc.perform(get("/api/articles").param("q", "大模型").param("limit", "3").param("cursor", cursor))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<String> more = JsonPath.read(second, "$.items[*].id");
			assertThat(more).hasSize(2).noneMatch(ids::contains);
		}

	}

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
						"""))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("slug"));
		}

		@Test
		void bodiesAreSanitised() throws Exception {
			String id = create("""
					{"title": "净化", "category": "tech", "publishAt": "2020-01-01T00:00:00Z",
					 "body": "<p onclick=\\"steal()\\">文字<script>alert(1)</script><a href=\\"javascript:alert(1)\\">坏链接</a><a href=\\"https://example.com/x\\">好链接</a><img src=\\"https://example.com/a.png\\" onerror=\\"x()\\"><iframe src=\\"https://evil\\"></iframe></p>"}
					""");
			String body = JsonPath.read(mvc.perform(get("/api/articles/" + id)).andReturn().getResponse().getContentAsString(),
					"$.body");
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
			mvc.perform(put("/api/admin/articles/ffffffffffffffffffffffff").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
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
		void slugIsStableAfterPublishing() throws Exception {
			String id = create(articleJson("稳定", "tech", List.of(), null));
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "稳定", "body": "b", "category": "tech", "slug": "stable-one"}
						""")).andExpect(status().isOk()).andExpect(jsonPath("$.slug").value("stable-one"));
			mvc.perform(post("/api/admin/articles/" + id + "/publish").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("PUBLISHED"));
			mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"3\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "稳定", "body": "b", "category": "tech", "slug": "changed"}
						""")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("slug"));
			mvc.perform(get("/api/articles/stable-one")).andExpect(status().isOk());
		}

		@Test
		void scheduledArticleAppearsWhenItsTimeComesWithoutAJob() throws Exception {
			String id = create(articleJson("定时发布", "tech", List.of(), null));
			Instant at = clock.instant().plus(Duration.ofHours(2));
			mvc.perform(post("/api/admin/articles/" + id + "/publish").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"publishAt\": \"" + at + "\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("SCHEDULED"));
			mvc.perform(get("/api/articles/" + id)).andExpect(status().isNotFound());
			mvc.perform(get("/api/articles")).andExpect(jsonPath("$.items", hasSize(0)));
			clock.advance(Duration.ofHours(2).plusSeconds(1));
			mvc.perform(get("/api/articles/" + id)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"));
			mvc.perform(get("/api/articles")).andExpect(jsonPath("$.items[0].id").value(id));
		}

		@Test
		void editorsListShowsAllStatusesAndFiltersByStatus() throws Exception {
			create(articleJson("草稿", "tech", List.of(), null));
			publishedArticle("已发布", "tech");
			String auth = bearer("EDITOR");
			mvc.perform(get("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, auth)).andExpect(jsonPath("$.items", hasSize(2)));
			mvc.perform(get("/api/admin/articles?status=DRAFT").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items[*].title").value(org.hamcrest.Matchers.contains("草稿")));
			mvc.perform(get("/api/admin/articles?status=NOPE").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isBadRequest());
			mvc.perform(get("/api/admin/articles?limit=1").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.nextCursor").isNotEmpty());
		}

	}

	@Nested
	class BadInput {

		@ParameterizedTest
		@ValueSource(strings = {
				"{\"body\": \"b\", \"category\": \"tech\"}|title",
				"{\"title\": \"t\", \"category\": \"tech\"}|body",
				"{\"title\": \"TOO_LONG\", \"body\": \"b\", \"category\": \"tech\"}|title",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"nope\"}|category",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"news\"}|category",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"tags\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}|tags",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"tags\": [\"0123456789012345678901234567890\"]}|tags[0]",
				"{\"title\": {\"$gt\": \"\"}, \"body\": \"b\", \"category\": \"tech\"}|title",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": {\"$ne\": null}}|category",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"tags\": [{\"$gt\": \"\"}]}|tags[0]",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"coverImage\": \"javascript:alert(1)\"}|coverImage",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"admin\": true}|" })
		void isA400NamingTheFieldAndWritesNothing(String caseAndField) throws Exception {
			String[] parts = caseAndField.split("\\|", -1);
			String json = parts[0].replace("TOO_LONG", "长".repeat(201));
			var result = mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(400));
			if (!parts[1].isEmpty()) {
				result.andExpect(jsonPath("$.errors[*].field").value(hasItem(parts[1])));
			}
			assertThat(storedArticles()).isZero();
		}

		@Test
		void malformedJsonIs400() throws Exception {
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": "))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").exists())
				.andExpect(jsonPath("$.title").exists())
				.andExpect(jsonPath("$.detail").exists())
				.andExpect(jsonPath("$.instance").value("/api/admin/articles"));
		}

		@Test
		void unknownPath404WrongMethod405WrongMediaType415() throws Exception {
			mvc.perform(get("/api/nothing-here"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(delete("/api/categories"))
				.andExpect(status().isMethodNotAllowed())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.TEXT_PLAIN)
				.content("hello"))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

		@Test
		void publicBodyOverTheLimitIs413() throws Exception {
			mvc.perform(post("/api/articles").contentType(MediaType.APPLICATION_JSON).content("x".repeat(70 * 1024)))
				.andExpect(status().isContentTooLarge())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

	}

}
