package com.accesspath.article.site;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Site settings and site pages (API.md): public reads from memory with ETag, 304 and
 * Cache-Control; writes under If-Match by the right role; hostile input refused with
 * nothing stored, page bodies sanitised like articles'.
 */
@ArticleIntegrationTest
class SiteIntegrationTests {

	static final String SETTINGS = """
			{"name": "前途科技", "legalName": "前途国际科技咨询(北京)有限公司", "icp": "京ICP备17045010号-1",
			 "publicSecurityRecord": "京公网安备 11010502033860号",
			 "wechat": {"account": "前途科技AI", "qrImage": "/assets/wechat-qrcode.png"},
			 "contact": {"email": "contact@accesspath.cn", "phone": "010-6552 8860", "address": "北京市朝阳区"}}
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SiteCache cache;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void emptySite() {
		this.mongo.dropCollection(SiteSettings.class);
		this.mongo.dropCollection(SitePage.class);
		this.cache.clear();
		this.clock.reset();
	}

	static String bearer(String role) {
		return "Bearer " + LocalTokens.local().issue(role);
	}

	static MockHttpServletRequestBuilder putJson(String path, String role, String json) {
		MockHttpServletRequestBuilder request = put(path).contentType(MediaType.APPLICATION_JSON).content(json);
		return (role != null) ? request.header(HttpHeaders.AUTHORIZATION, bearer(role)) : request;
	}

	static String page(String title, String body) {
		return "{\"title\": \"" + title + "\", \"body\": \"" + body + "\"}";
	}

	ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

	long stored(Class<?> type) {
		return this.mongo.count(new Query(), type);
	}

	@Nested
	class Settings {

		@Test
		void beforeAnyAreSavedReadingThemIsA404ProblemJson() throws Exception {
			problem(mvc.perform(get("/api/site")), 404);
		}

		@Test
		void anAdminCreatesThemAndReadersGetTheContractsShapeWithETagAndCacheControl() throws Exception {
			mvc.perform(putJson("/api/admin/site", "ADMIN", SETTINGS))
				.andExpect(status().isCreated())
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(jsonPath("$.name").value("前途科技"));
			mvc.perform(get("/api/site"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=30, public"))
				.andExpect(jsonPath("$.name").value("前途科技"))
				.andExpect(jsonPath("$.legalName").value("前途国际科技咨询(北京)有限公司"))
				.andExpect(jsonPath("$.icp").value("京ICP备17045010号-1"))
				.andExpect(jsonPath("$.publicSecurityRecord").value("京公网安备 11010502033860号"))
				.andExpect(jsonPath("$.wechat.account").value("前途科技AI"))
				.andExpect(jsonPath("$.wechat.qrImage").value("/assets/wechat-qrcode.png"))
				.andExpect(jsonPath("$.contact.email").value("contact@accesspath.cn"))
				.andExpect(jsonPath("$.contact.phone").value("010-6552 8860"))
				.andExpect(jsonPath("$.contact.address").value("北京市朝阳区"))
				.andExpect(jsonPath("$.id").doesNotExist())
				.andExpect(jsonPath("$.version").doesNotExist());
			mvc.perform(get("/api/site").header(HttpHeaders.IF_NONE_MATCH, "\"1\""))
				.andExpect(status().isNotModified())
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=30, public"))
				.andExpect(content().string(""));
			mvc.perform(get("/api/site").header(HttpHeaders.IF_NONE_MATCH, "\"0\"")).andExpect(status().isOk());
		}

		@Test
		void anUpdateNeedsTheCurrentVersionAndIsSeenAtOnce() throws Exception {
			mvc.perform(putJson("/api/admin/site", "ADMIN", SETTINGS)).andExpect(status().isCreated());
			mvc.perform(get("/api/site")).andExpect(jsonPath("$.name").value("前途科技"));
			String renamed = SETTINGS.replace("\"前途科技\"", "\"AccessPath\"");
			problem(mvc.perform(putJson("/api/admin/site", "ADMIN", renamed)), 428);
			mvc.perform(putJson("/api/admin/site", "ADMIN", renamed).header(HttpHeaders.IF_MATCH, "\"1\""))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
				.andExpect(jsonPath("$.name").value("AccessPath"));
			problem(mvc.perform(putJson("/api/admin/site", "ADMIN", SETTINGS).header(HttpHeaders.IF_MATCH, "\"1\"")),
					412);
			problem(mvc.perform(putJson("/api/admin/site", "ADMIN", SETTINGS).header(HttpHeaders.IF_MATCH, "*")), 412);
			mvc.perform(get("/api/site"))
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
				.andExpect(jsonPath("$.name").value("AccessPath"));
			mvc.perform(get("/api/admin/site").header(HttpHeaders.AUTHORIZATION, bearer("ADMIN")))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""));
		}

		@Test
		void optionalFieldsMayBeLeftOutAndBlankOnesAreNull() throws Exception {
			mvc.perform(putJson("/api/admin/site", "ADMIN", """
					{"name": "前途科技", "legalName": "前途国际科技咨询(北京)有限公司", "icp": " ",
					 "wechat": {}, "contact": {"email": "contact@accesspath.cn"}}
					""")).andExpect(status().isCreated());
			mvc.perform(get("/api/site"))
				.andExpect(jsonPath("$.icp").value(nullValue()))
				.andExpect(jsonPath("$.publicSecurityRecord").value(nullValue()))
				.andExpect(jsonPath("$.wechat.account").value(nullValue()))
				.andExpect(jsonPath("$.contact.email").value("contact@accesspath.cn"));
		}

		@Test
		void onlyAnAdminMayChangeThem() throws Exception {
			problem(mvc.perform(putJson("/api/admin/site", null, SETTINGS)), 401);
			problem(mvc.perform(
					putJson("/api/admin/site", null, SETTINGS).header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token")),
					401);
			problem(mvc.perform(putJson("/api/admin/site", "EDITOR", SETTINGS)), 403);
			problem(mvc.perform(putJson("/api/admin/site", "SALES", SETTINGS)), 403);
			// Refused before the body is read: a broken body from an editor is still a
			// 403.
			problem(mvc.perform(putJson("/api/admin/site", "EDITOR", "{\"name\": 5}")), 403);
			problem(mvc.perform(get("/api/admin/site").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))), 403);
			assertThat(stored(SiteSettings.class)).isZero();
		}

		@ParameterizedTest
		@ValueSource(strings = { "\"name\": \"前途科技\"=>\"name\": 5|name", "\"name\": \"前途科技\"=>\"name\": true|name",
				"\"name\": \"前途科技\"=>\"name\": {\"$gt\": \"\"}|name", "\"name\": \"前途科技\"=>\"name\": [\"a\"]|name",
				"\"name\": \"前途科技\"=>\"name\": \"\"|name", "\"name\": \"前途科技\"=>\"name\": \"前途\\u0000科技\"|name",
				"\"name\": \"前途科技\"=>\"name\": \"前途\\n科技\"|name", "\"name\": \"前途科技\"=>\"name\": \"TOO_LONG\"|name",
				"\"name\": \"前途科技\"=>\"name\": \"前途科技\", \"admin\": true|",
				"\"legalName\": \"前途国际科技咨询(北京)有限公司\", =>|legalName",
				"\"icp\": \"京ICP备17045010号-1\"=>\"icp\": 17045010|icp",
				"\"address\": \"北京市朝阳区\"=>\"address\": \"北京\\u0007市\"|contact.address",
				"\"address\": \"北京市朝阳区\"=>\"address\": \"北京\\u009b市\"|contact.address",
				"\"email\": \"contact@accesspath.cn\"=>\"email\": \"not an email\"|contact.email",
				"\"phone\": \"010-6552 8860\"=>\"phone\": \"<script>\"|contact.phone",
				"\"/assets/wechat-qrcode.png\"=>\"javascript:alert(1)\"|wechat.qrImage",
				"\"/assets/wechat-qrcode.png\"=>\"//evil.example/qr.png\"|wechat.qrImage",
				"\"/assets/wechat-qrcode.png\"=>\"/a.png\\\" onerror=\\\"x\"|wechat.qrImage",
				"\"wechat\": {\"account\": \"前途科技AI\", \"qrImage\": \"/assets/wechat-qrcode.png\"},=>|wechat",
				"\"account\": \"前途科技AI\"=>\"account\": \"前途科技AI\", \"appSecret\": \"x\"|" })
		void hostileOrMalformedSettingsAreA400NamingTheFieldAndNothingIsStored(String caseAndField) throws Exception {
			String[] parts = caseAndField.split("\\|", -1);
			String[] change = parts[0].split("=>", -1);
			String json = SETTINGS.replace(change[0], change[1].replace("TOO_LONG", "长".repeat(61)));
			assertThat(json).isNotEqualTo(SETTINGS);
			ResultActions result = problem(mvc.perform(putJson("/api/admin/site", "ADMIN", json)), 400);
			if (!parts[1].isEmpty()) {
				result.andExpect(jsonPath("$.errors[*].field").value(hasItem(parts[1])));
			}
			assertThat(stored(SiteSettings.class)).isZero();
		}

		@Test
		void aRefusedChangeLeavesTheStoredSettingsAsTheyWere() throws Exception {
			mvc.perform(putJson("/api/admin/site", "ADMIN", SETTINGS)).andExpect(status().isCreated());
			problem(mvc.perform(putJson("/api/admin/site", "ADMIN", SETTINGS.replace("\"前途科技\"", "5"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")), 400);
			mvc.perform(get("/api/site"))
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(jsonPath("$.name").value("前途科技"));
		}

	}

	@Nested
	class Pages {

		@ParameterizedTest
		@ValueSource(strings = { "nothing-here", "About", "a_b", "%E5%85%B3%E4%BA%8E" })
		void anUnknownPageIsA404ProblemJson(String slug) throws Exception {
			problem(mvc.perform(get(URI.create("/api/site/pages/" + slug))), 404);
		}

		@Test
		void aNewPageIs201AndReadersGetItWithETagCacheControlAnd304() throws Exception {
			mvc.perform(putJson("/api/admin/site/pages/about", "EDITOR", page("关于我们", "<p>前途科技是一家 AI 咨询公司。</p>")))
				.andExpect(status().isCreated())
				.andExpect(header().string(HttpHeaders.LOCATION, "/api/site/pages/about"))
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(jsonPath("$.version").value(1));
			mvc.perform(get("/api/site/pages/about"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=30, public"))
				.andExpect(jsonPath("$.slug").value("about"))
				.andExpect(jsonPath("$.title").value("关于我们"))
				.andExpect(jsonPath("$.body").value("<p>前途科技是一家 AI 咨询公司。</p>"))
				.andExpect(jsonPath("$.updatedAt").value(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString()))
				.andExpect(jsonPath("$.version").value(1));
			mvc.perform(get("/api/site/pages/about").header(HttpHeaders.IF_NONE_MATCH, "W/\"1\""))
				.andExpect(status().isNotModified())
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(content().string(""));
		}

		@Test
		void anUpdateNeedsIfMatchWithTheCurrentVersionAndIsSeenAtOnce() throws Exception {
			mvc.perform(putJson("/api/admin/site/pages/privacy", "EDITOR", page("隐私政策", "<p>第一版</p>")))
				.andExpect(status().isCreated());
			mvc.perform(get("/api/site/pages/privacy")).andExpect(jsonPath("$.body").value("<p>第一版</p>"));
			problem(mvc.perform(putJson("/api/admin/site/pages/privacy", "EDITOR", page("隐私政策", "<p>第二版</p>"))), 428);
			clock.advance(Duration.ofMinutes(5));
			mvc.perform(putJson("/api/admin/site/pages/privacy", "ADMIN", page("隐私政策", "<p>第二版</p>"))
				.header(HttpHeaders.IF_MATCH, "\"1\""))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
				.andExpect(jsonPath("$.version").value(2));
			problem(mvc.perform(putJson("/api/admin/site/pages/privacy", "EDITOR", page("隐私政策", "<p>旧的编辑</p>"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")), 412);
			mvc.perform(get("/api/site/pages/privacy"))
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
				.andExpect(jsonPath("$.body").value("<p>第二版</p>"))
				.andExpect(jsonPath("$.updatedAt").value(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString()));
			problem(mvc.perform(putJson("/api/admin/site/pages/terms", "EDITOR", page("服务条款", "<p>x</p>"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")), 412);
			mvc.perform(get("/api/admin/site/pages").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[*].slug").value(hasItem("privacy")))
				.andExpect(jsonPath("$[0].body").doesNotExist());
		}

		@Test
		void scriptsEventHandlersAndJavascriptUrlsAreRemovedFromTheBody() throws Exception {
			String hostile = "<p onclick=\\\"steal()\\\">你好<script>alert(1)</script></p>"
					+ "<a href=\\\"javascript:alert(2)\\\">链接</a><img src=\\\"x\\\" onerror=\\\"alert(3)\\\">"
					+ "<iframe src=\\\"https://evil.example\\\"></iframe><a href=\\\"https://www.accesspath.cn/\\\">官网</a>";
			mvc.perform(putJson("/api/admin/site/pages/about", "EDITOR", page("关于", hostile)))
				.andExpect(status().isCreated());
			mvc.perform(get("/api/site/pages/about"))
				.andExpect(jsonPath("$.body").value(not(containsString("script"))))
				.andExpect(jsonPath("$.body").value(not(containsString("onclick"))))
				.andExpect(jsonPath("$.body").value(not(containsString("onerror"))))
				.andExpect(jsonPath("$.body").value(not(containsString("javascript:"))))
				.andExpect(jsonPath("$.body").value(not(containsString("iframe"))))
				.andExpect(jsonPath("$.body").value(containsString("你好")))
				.andExpect(jsonPath("$.body").value(containsString("https://www.accesspath.cn/")));
		}

		@Test
		void editorsAndAdminsMayWritePagesOthersMayNot() throws Exception {
			problem(mvc.perform(putJson("/api/admin/site/pages/about", null, page("关于", "<p>x</p>"))), 401);
			problem(mvc.perform(putJson("/api/admin/site/pages/about", "SALES", page("关于", "<p>x</p>"))), 403);
			assertThat(stored(SitePage.class)).isZero();
			mvc.perform(putJson("/api/admin/site/pages/about", "ADMIN", page("关于", "<p>x</p>")))
				.andExpect(status().isCreated());
		}

		@Test
		void tabsAndNewlinesAreTextButOtherControlCharactersAreNot() throws Exception {
			mvc.perform(putJson("/api/admin/site/pages/terms", "EDITOR", page("服务条款", "<p>第一条\\t说明</p>\\n<p>第二条</p>")))
				.andExpect(status().isCreated());
			mvc.perform(get("/api/site/pages/terms")).andExpect(jsonPath("$.body").value(containsString("第二条")));
		}

		@ParameterizedTest
		@ValueSource(strings = { "about|{\"title\": 5, \"body\": \"<p>x</p>\"}|title",
				"about|{\"title\": \"关于\", \"body\": true}|body",
				"about|{\"title\": \"关于\", \"body\": {\"$ne\": null}}|body",
				"about|{\"title\": \"关于\", \"body\": \"<p>a\\u0000b</p>\"}|body",
				"about|{\"title\": \"关于\", \"body\": \"<p>a\\rb</p>\"}|body",
				"about|{\"title\": \"关\\n于\", \"body\": \"<p>x</p>\"}|title",
				"about|{\"title\": \"关于\", \"body\": \"\"}|body", "about|{\"body\": \"<p>x</p>\"}|title",
				"about|{\"title\": \"TOO_LONG\", \"body\": \"<p>x</p>\"}|title",
				"about|{\"title\": \"关于\", \"body\": \"<p>x</p>\", \"slug\": \"other\"}|",
				"About|{\"title\": \"关于\", \"body\": \"<p>x</p>\"}|slug",
				"a_b|{\"title\": \"关于\", \"body\": \"<p>x</p>\"}|slug",
				"SIXTY_FIVE|{\"title\": \"关于\", \"body\": \"<p>x</p>\"}|slug" })
		void hostileOrMalformedPagesAreA400NamingTheFieldAndNothingIsStored(String caseAndField) throws Exception {
			String[] parts = caseAndField.split("\\|", -1);
			String slug = parts[0].replace("SIXTY_FIVE", "a".repeat(65));
			String json = parts[1].replace("TOO_LONG", "长".repeat(201));
			ResultActions result = problem(mvc.perform(putJson("/api/admin/site/pages/" + slug, "EDITOR", json)), 400);
			if (!parts[2].isEmpty()) {
				result.andExpect(jsonPath("$.errors[*].field").value(hasItem(parts[2])));
			}
			assertThat(stored(SitePage.class)).isZero();
		}

		@Test
		void aSlugOfSixtyFourCharactersIsAccepted() throws Exception {
			mvc.perform(putJson("/api/admin/site/pages/" + "a-".repeat(32), "EDITOR", page("长链接", "<p>x</p>")))
				.andExpect(status().isCreated());
		}

	}

}
