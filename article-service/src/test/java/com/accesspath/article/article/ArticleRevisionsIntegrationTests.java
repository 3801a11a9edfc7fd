package com.accesspath.article.article;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.devstack.LocalTokens;

import static com.accesspath.article.article.ArticleFixtures.articleJson;
import static com.accesspath.article.article.ArticleFixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Revisions, the 头条 flag, the editors' list and covers from the media library, through
 * the API as the console uses it.
 */
class ArticleRevisionsIntegrationTests extends ArticleApiTestSupport {

	@BeforeEach
	void noRevisions() {
		this.mongo.dropCollection(ArticleRevisions.COLLECTION);
	}

	@Test
	void everySaveIsKeptAndAnOldOneComesBackAsANewVersion() throws Exception {
		String id = JsonPath.read(this.mvc
			.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, editor("wang"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(articleJson("初稿标题", "tech", List.of("大模型"), null)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.lastEditor").value("wang"))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		save(id, 1, "第二稿标题", "<p>第二稿正文</p>", "li").andExpect(status().isOk());
		save(id, 2, "第三稿标题", "<p>第三稿正文</p>", "li").andExpect(jsonPath("$.version").value(3))
			.andExpect(jsonPath("$.lastEditor").value("li"));

		this.mvc
			.perform(get("/api/admin/articles/" + id + "/revisions").header(HttpHeaders.AUTHORIZATION, editor("li")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].revision").value(contains(3, 2, 1)))
			.andExpect(jsonPath("$[*].editor").value(contains("li", "li", "wang")))
			.andExpect(jsonPath("$[*].title").value(contains("第三稿标题", "第二稿标题", "初稿标题")))
			.andExpect(jsonPath("$[0].body").doesNotExist());
		this.mvc
			.perform(get("/api/admin/articles/" + id + "/revisions/1").header(HttpHeaders.AUTHORIZATION, editor("li")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.title").value("初稿标题"))
			.andExpect(jsonPath("$.body").value("<p>初稿标题 的正文。大模型正在改变企业。</p>"))
			.andExpect(jsonPath("$.version").value(1));

		// Someone saved since version 2 was read: restoring over it is refused, nothing
		// changes.
		restore(id, 1, "\"2\"").andExpect(status().isPreconditionFailed());
		restore(id, 1, null).andExpect(status().isPreconditionRequired());
		assertThat(this.repository.findById(id).orElseThrow().title()).isEqualTo("第三稿标题");

		restore(id, 1, "\"3\"").andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"4\""))
			.andExpect(jsonPath("$.title").value("初稿标题"))
			.andExpect(jsonPath("$.version").value(4))
			.andExpect(jsonPath("$.lastEditor").value("zhao"));
		this.mvc
			.perform(get("/api/admin/articles/" + id + "/revisions").header(HttpHeaders.AUTHORIZATION, editor("li")))
			.andExpect(jsonPath("$[*].revision").value(contains(4, 3, 2, 1)))
			.andExpect(jsonPath("$[0].restoredFrom").value(1))
			.andExpect(jsonPath("$[1].restoredFrom").doesNotExist());
		// The restore's search terms are the restored text's.
		assertThat(this.repository.findById(id).orElseThrow().searchTerms()).contains("初稿");

		restore(id, 99, "\"4\"").andExpect(status().isNotFound());
		this.mvc
			.perform(get("/api/admin/articles/" + id + "/revisions").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/admin/articles/" + id + "/revisions")).andExpect(status().isUnauthorized());
	}

	@Test
	void anArticleStoredBeforeRevisionsAndTheHeadlineIsReadListedAndEdited() throws Exception {
		org.bson.types.ObjectId id = new org.bson.types.ObjectId();
		java.util.Date published = java.util.Date.from(this.clock.instant().minusSeconds(60));
		this.mongo.getCollection(ArticleRepository.COLLECTION)
			.insertOne(new org.bson.Document("_id", id).append("slug", "from-before")
				.append("title", "升级前的文章")
				.append("summary", "")
				.append("body", "<p>旧正文</p>")
				.append("category", "tech")
				.append("tags", List.of())
				.append("author", "AccessPath 编辑部")
				.append("sources", List.of())
				.append("status", "PUBLISHED")
				.append("publishedAt", published)
				.append("createdAt", published)
				.append("updatedAt", published)
				.append("readingMinutes", 1)
				.append("version", 3L)
				.append("slugFrozen", true)
				.append("searchTerms", List.of()));
		this.mvc.perform(get("/api/articles/from-before"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.featured").value(false));
		this.mvc.perform(get("/api/articles?category=tech"))
			.andExpect(jsonPath("$.items[0].slug").value("from-before"));
		save(id.toHexString(), 3, "升级后第一次保存", "<p>新正文</p>", "li").andExpect(status().isOk());
		this.mvc.perform(get("/api/admin/articles/" + id.toHexString() + "/revisions").header(HttpHeaders.AUTHORIZATION,
				editor("li")))
			.andExpect(jsonPath("$[*].revision").value(contains(1)));
	}

	@Test
	void oneHeadlineAtATime() throws Exception {
		String first = publishedArticle("头条一", "tech");
		String second = publishedArticle("头条二", "tech");
		feature(first, "true").andExpect(status().isOk()).andExpect(jsonPath("$.featured").value(true));
		this.mvc.perform(get("/api/articles?featured=true"))
			.andExpect(jsonPath("$.items[*].id").value(contains(first)))
			.andExpect(jsonPath("$.items[0].lastEditor").doesNotExist());
		long before = this.repository.findById(second).orElseThrow().version();
		feature(second, "true").andExpect(status().isOk());
		this.mvc.perform(get("/api/articles?featured=true"))
			.andExpect(jsonPath("$.items[*].id").value(contains(second)));
		this.mvc.perform(get("/api/articles/" + first)).andExpect(jsonPath("$.featured").value(false));
		this.mvc.perform(get("/api/articles/" + second))
			.andExpect(jsonPath("$.featured").value(true))
			.andExpect(jsonPath("$.lastEditor").doesNotExist());
		// A flag, not an edit: whoever is editing the article saves on the version they
		// read.
		save(second, before, "头条二", "<p>改过</p>", "li").andExpect(status().isOk());
		feature(second, "false").andExpect(status().isOk());
		this.mvc.perform(get("/api/articles?featured=true")).andExpect(jsonPath("$.items").isEmpty());
		// A flag is not an edit: revisions for the creation and the save above, none for
		// the flag.
		assertThat(this.repository.findById(second).orElseThrow().revisions()).isEqualTo(2);
		// A string where a boolean belongs changes nothing.
		feature(second, "\"true\"").andExpect(status().isBadRequest());
		feature(second, "null").andExpect(status().isBadRequest());
		// An archived article cannot be the 头条.
		this.mvc.perform(delete("/api/admin/articles/" + first).header(HttpHeaders.AUTHORIZATION, editor("li")))
			.andExpect(status().isNoContent());
		feature(first, "true").andExpect(status().isConflict());
		this.mvc.perform(get("/api/articles?featured=true")).andExpect(jsonPath("$.items").isEmpty());
	}

	@Test
	void editorsFindArticlesByTitleCategoryAuthorAndTag() throws Exception {
		create(articleJson("C++ 与大模型推理", "tech", List.of("推理"), null));
		create("""
				{"title": "制造业质检实践", "body": "<p>b</p>", "category": "manufacturing", "tags": ["质检"],
				 "author": {"name": "张伟"}}
				""");
		create(articleJson("政策解读:生成式 AI 管理办法", "policy", List.of("政策"), null));
		assertThat(titles("q", "c++")).containsExactly("C++ 与大模型推理");
		assertThat(titles("q", ".*")).isEmpty();
		assertThat(titles("q", "质检")).containsExactly("制造业质检实践");
		assertThat(titles("author", "张伟")).containsExactly("制造业质检实践");
		assertThat(titles("tag", "政策")).containsExactly("政策解读:生成式 AI 管理办法");
		assertThat(titles("category", "manufacturing")).containsExactly("制造业质检实践");
		assertThat(titles("category", "news")).containsExactlyInAnyOrder("C++ 与大模型推理", "政策解读:生成式 AI 管理办法");
		this.mvc.perform(get("/api/admin/articles?category=nope").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
			.andExpect(jsonPath("$.items[*].lastEditor")
				.value(containsInAnyOrder("local-editor", "local-editor", "local-editor")));
	}

	@Test
	void aCoverFromTheLibraryMustBeOneOfItsFiles() throws Exception {
		String url = JsonPath.read(this.mvc
			.perform(multipart("/api/admin/media")
				.file(new MockMultipartFile("file", "cover.png", "image/png",
						com.accesspath.article.media.MediaLibraryTestImages.png(640, 360)))
				.header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.url");
		String body = """
				{"title": "有封面", "body": "<p>b</p>", "category": "tech", "coverImage": "%s"}
				""";
		this.mvc
			.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.formatted(url)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.coverImage").value(url));
		// The same file in the body, as the editor inserts it: kept with its size, its
		// handlers not.
		String id = JsonPath.read(this.mvc
			.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"title": "正文有图", "category": "tech",
								 "body": "<p>图:</p><img src=\\"%s\\" width=\\"640\\" height=\\"360\\" alt=\\"产线\\" onerror=\\"alert(1)\\">"}
								"""
							.formatted(url)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		assertThat(this.repository.findById(id).orElseThrow().body())
			.contains("<img src=\"" + url + "\" width=\"640\" height=\"360\" alt=\"产线\" />")
			.doesNotContain("onerror");
		for (String wrong : List.of("/media/" + "0".repeat(32) + "/cover.png", url + "?w=99999",
				url.replace("cover", "other"), "/etc/passwd", "javascript:alert(1)", "//evil.example/x.png")) {
			this.mvc
				.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
					.contentType(MediaType.APPLICATION_JSON)
					.content(body.formatted(wrong)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("coverImage"));
		}
	}

	private List<String> titles(String parameter, String value) throws Exception {
		return JsonPath.read(this.mvc
			.perform(get("/api/admin/articles").param(parameter, value)
				.header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.items[*].title");
	}

	private ResultActions save(String id, long version, String title, String body, String who) throws Exception {
		return this.mvc.perform(put("/api/admin/articles/" + id).header(HttpHeaders.AUTHORIZATION, editor(who))
			.header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"title": "%s", "body": "%s", "category": "tech"}
					""".formatted(title, body)));
	}

	private ResultActions restore(String id, int revision, String ifMatch) throws Exception {
		var request = post("/api/admin/articles/" + id + "/revisions/" + revision + "/restore")
			.header(HttpHeaders.AUTHORIZATION, editor("zhao"));
		if (ifMatch != null) {
			request.header(HttpHeaders.IF_MATCH, ifMatch);
		}
		return this.mvc.perform(request);
	}

	private ResultActions feature(String id, String value) throws Exception {
		return this.mvc
			.perform(post("/api/admin/articles/" + id + "/featured").header(HttpHeaders.AUTHORIZATION, editor("chen"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"featured\": " + value + "}"));
	}

	private static String editor(String who) {
		return "Bearer " + LocalTokens.local().issue(who, List.of("EDITOR"), Duration.ofHours(1));
	}

}
