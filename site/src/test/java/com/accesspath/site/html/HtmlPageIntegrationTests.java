package com.accesspath.site.html;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import com.accesspath.site.SiteIntegrationTestSupport;
import com.accesspath.site.content.SiteSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The site's HTML pages: content, SEO, statuses, escaping of hostile text, degradation
 * when services are down, assets.
 */
class HtmlPageIntegrationTests extends SiteIntegrationTestSupport {

	static final String HOSTILE = "</script><script>alert(1)</script>\\\"'<b>&";

	static final String ARTICLE = """
			{"id":"6b08db539bd873ae116c8e13","slug":"openai-nato","title":"OpenAI 与北约","summary":"北约的选择",
			 "body":"<p>第一段</p><p>第二段</p>","category":{"key":"policy","name":"政策"},"tags":["OpenAI"],
			 "author":{"name":"量子位"},"sources":[{"name":"原文","url":"https://example.com/a"}],
			 "status":"PUBLISHED","publishedAt":"2026-03-04T08:00:00Z","updatedAt":"2026-03-05T08:00:00Z",
			 "readingMinutes":3,"version":1}""";

	static final String SETTINGS = """
			{"name":"前途科技","legalName":"前途国际科技咨询(北京)有限公司","icp":"京ICP备17045010号-1",
			 "publicSecurityRecord":"京公网安备 11010502033860号","wechat":{"account":"AccessPath","qrImage":"https://img.example.cn/qr.png"},
			 "contact":{"email":"hi@example.cn","phone":"010-1234","address":"北京"}}""";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	SiteSettings settings;

	@BeforeEach
	void taxonomyAndSettings() {
		this.settings.expire();
		article.answer("GET /api/categories", 200, TAXONOMY);
		article.answer("GET /api/site", 200, SETTINGS);
	}

	@Test
	void articlePageHasContentSeoAndJsonLd() throws Exception {
		article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
		ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 200, "{\"views\":42}");
		ranking.answer("GET /api/rankings/hot", 200,
				"{\"items\":[{\"rank\":1,\"views\":9,\"article\":{\"id\":\"h\",\"slug\":\"hot-one\",\"title\":\"热文\"}}]}");
		MvcResult result = mvc.perform(get("/articles/openai-nato"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=30, public"))
			.andExpect(header().string("Content-Security-Policy", Html.CONTENT_SECURITY_POLICY))
			.andReturn();
		String html = result.getResponse().getContentAsString();
		assertThat(html).contains("<title>OpenAI 与北约 · 前途科技</title>")
			.contains("<p>第一段</p><p>第二段</p>")
			.contains("<link rel=\"canonical\" href=\"https://www.example.cn/articles/openai-nato\">")
			.contains("<meta property=\"og:title\" content=\"OpenAI 与北约\">")
			.contains("<meta property=\"og:type\" content=\"article\">")
			.contains("<meta property=\"og:image\" content=\"https://www.example.cn/assets/og-default.png\">")
			.contains("<meta property=\"article:published_time\" content=\"2026-03-04T08:00:00Z\">")
			.contains("2026年3月4日")
			.contains("3 分钟阅读")
			.contains("data-views=\"42\"")
			.contains("42 阅读")
			.contains("data-article-id=\"6b08db539bd873ae116c8e13\"")
			.contains("class=\"cta-article\"")
			.contains("免费获取企业 AI 成熟度诊断报告")
			.contains("热文")
			.contains("class=\"wechat-qr\" src=\"https://img.example.cn/qr.png\"")
			.contains("data-page=\"article\"")
			.contains("京ICP备17045010号-1")
			.contains("© ")
			.contains("前途国际科技咨询(北京)有限公司")
			.contains("https://beian.mps.gov.cn/#/query/webSearch?code=11010502033860");
		JsonNode newsArticle = jsonLd(html, "NewsArticle");
		assertThat(newsArticle.get("headline").asString()).isEqualTo("OpenAI 与北约");
		assertThat(newsArticle.get("datePublished").asString()).isEqualTo("2026-03-04T08:00:00Z");
		assertThat(newsArticle.get("dateModified").asString()).isEqualTo("2026-03-05T08:00:00Z");
		assertThat(newsArticle.at("/mainEntityOfPage/@id").asString())
			.isEqualTo("https://www.example.cn/articles/openai-nato");
		assertThat(jsonLd(html, "BreadcrumbList").get("itemListElement")).hasSize(3);
	}

	@Test
	void hostileTextIsEscapedEverywhere() throws Exception {
		String hostile = ARTICLE.replace("\"title\":\"OpenAI 与北约\"", "\"title\":\"" + HOSTILE + "\"")
			.replace("\"summary\":\"北约的选择\"", "\"summary\":\"" + HOSTILE + "\"")
			.replace("\"tags\":[\"OpenAI\"]", "\"tags\":[\"" + HOSTILE + "\"]")
			.replace("\"name\":\"量子位\"", "\"name\":\"" + HOSTILE + "\"");
		article.answer("GET /api/articles/openai-nato", 200, hostile);
		String html = mvc.perform(get("/articles/openai-nato"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<b>");
		// The only script elements are the page's module and its JSON-LD.
		assertThat(html.split("</script>", -1)).hasSize(countOf(html, "<script") + 1);
		for (String script : scripts(html)) {
			assertThat(script).doesNotContain("<").doesNotContain(">").doesNotContain("&");
		}
		assertThat(jsonLd(html, "NewsArticle").get("headline").asString())
			.isEqualTo("</script><script>alert(1)</script>\"'<b>&");
		assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void hostileSearchIsEscaped() throws Exception {
		article.answer("GET /api/articles", 200, "{\"items\":[],\"nextCursor\":null}");
		String html = mvc.perform(get("/search").param("q", "\"><script>alert(1)</script>"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void unknownThingsAreThe404Page() throws Exception {
		for (String path : new String[] { "/articles/nope", "/category/nope", "/tags/nope", "/about",
				"/no/such/path" }) {
			article.answer("GET /api/articles", 200, "{\"items\":[],\"nextCursor\":null}");
			String html = mvc.perform(get(path))
				.andExpect(status().isNotFound())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).as(path).contains("data-page=\"not-found\"").contains("页面不存在");
		}
	}

	@Test
	void unknownApiPathsStayProblemJson() throws Exception {
		mvc.perform(get("/api/nope"))
			.andExpect(status().isNotFound())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"));
	}

	@Test
	void anIdOrOldSlugMovesPermanently() throws Exception {
		article.answer("GET /api/articles/6b08db539bd873ae116c8e13", 200, ARTICLE);
		mvc.perform(get("/articles/6b08db539bd873ae116c8e13"))
			.andExpect(status().isMovedPermanently())
			.andExpect(header().string(HttpHeaders.LOCATION, "/articles/openai-nato"));
	}

	@Test
	void anOldSlugFollowsArticleServicesRedirectToTheCurrentAddress() throws Exception {
		article.answer("GET /api/articles/openai-nato-old", 301, "/api/articles/openai-nato");
		article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
		mvc.perform(get("/articles/openai-nato-old"))
			.andExpect(status().isMovedPermanently())
			.andExpect(header().string(HttpHeaders.LOCATION, "/articles/openai-nato"));
	}

	@Test
	void malformedCursorOrQueryIsThe400Page() throws Exception {
		mvc.perform(get("/category/news").param("cursor", "<x>")).andExpect(status().isBadRequest());
		mvc.perform(get("/search").param("q", "字".repeat(201))).andExpect(status().isBadRequest());
		article.answer("GET /api/articles", 400, "{\"status\":400}");
		String html = mvc.perform(get("/category/news").param("cursor", "abc"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("data-page=\"bad-request\"");
	}

	@Test
	void listsPageWithCursorLinks() throws Exception {
		article.route("GET /api/articles", uri -> com.accesspath.site.StubBackend.Answer.json("""
				{"items":[{"id":"a1","slug":"one","title":"第一篇","category":{"key":"policy","name":"政策"}}],
				 "nextCursor":"c2"}"""));
		String html = mvc.perform(get("/category/news"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("id=\"article-list\"")
			.contains("<a href=\"/articles/one\">第一篇</a>")
			.contains("href=\"/category/news?cursor=c2\"")
			.contains("class=\"subnav\"")
			.contains("href=\"/category/policy\"")
			.contains("<h2 class=\"visually-hidden\">文章列表</h2>");
		assertHeadingsDoNotSkipALevel(html);
	}

	@Test
	void listAndHomeHeadingsDoNotSkipALevel() throws Exception {
		article.route("GET /api/articles", uri -> com.accesspath.site.StubBackend.Answer.json("""
				{"items":[{"id":"a1","slug":"one","title":"第一篇","category":{"key":"policy","name":"政策"}}],
				 "nextCursor":null}"""));
		for (String path : new String[] { "/", "/category/news", "/tags/RAG", "/search?q=AI" }) {
			String html = mvc.perform(get(java.net.URI.create(path)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).as(path).contains("<h3>");
			assertHeadingsDoNotSkipALevel(html);
		}
	}

	/** Each heading is at most one level below the one before it, starting with an h1. */
	private static void assertHeadingsDoNotSkipALevel(String html) {
		Matcher heading = Pattern.compile("<h([1-6])[\\s>]").matcher(html);
		int previous = 0;
		java.util.List<Integer> levels = new java.util.ArrayList<>();
		while (heading.find()) {
			int level = Integer.parseInt(heading.group(1));
			levels.add(level);
			assertThat(level).as("headings %s", levels).isLessThanOrEqualTo(previous + 1);
			previous = level;
		}
		assertThat(levels).isNotEmpty().startsWith(1);
	}

	@Test
	void rankingDownLeavesTheArticlePageWithoutHotList() throws Exception {
		article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
		ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 500, "{}");
		ranking.answer("GET /api/rankings/hot", 500, "{}");
		String html = mvc.perform(get("/articles/openai-nato"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("热榜暂时不可用").contains("data-views=\"\"").contains("<p>第一段</p>");
	}

	@Test
	void aWholeArticlePageIsKeptRenderedWithItsPartsAndRevalidatedByETag() throws Exception {
		everyPartOfTheArticlePage();
		MvcResult first = mvc.perform(get("/articles/openai-nato")).andExpect(status().isOk()).andReturn();
		String etag = first.getResponse().getHeader(HttpHeaders.ETAG);
		assertThat(etag).startsWith("W/\"");
		// The parts change and are forgotten: the page rendered from them is still the
		// one answered, until it expires with them.
		article.answer("GET /api/articles/openai-nato", 200, ARTICLE.replace("OpenAI 与北约", "改过的标题"));
		parts.forget();
		assertThat(mvc.perform(get("/articles/openai-nato")).andReturn().getResponse().getContentAsString())
			.contains("OpenAI 与北约");
		assertThat(article.calls("GET /api/articles/openai-nato")).isEqualTo(1);
		mvc.perform(get("/articles/openai-nato").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified());
		renderedPages.forget();
		MvcResult changed = mvc.perform(get("/articles/openai-nato").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(changed.getResponse().getContentAsString()).contains("改过的标题");
		assertThat(changed.getResponse().getHeader(HttpHeaders.ETAG)).isNotEqualTo(etag);
	}

	@Test
	void aDegradedPageIsNotKept() throws Exception {
		everyPartOfTheArticlePage();
		ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 500, "{}");
		ranking.answer("GET /api/rankings/hot", 500, "{}");
		assertThat(mvc.perform(get("/articles/openai-nato")).andReturn().getResponse().getContentAsString())
			.contains("热榜暂时不可用");
		everyPartOfTheArticlePage();
		circuitBreakers.circuitBreaker("ranking-service").reset();
		assertThat(mvc.perform(get("/articles/openai-nato")).andReturn().getResponse().getContentAsString())
			.contains("热文")
			.contains("42 阅读")
			.doesNotContain("热榜暂时不可用");
	}

	private void everyPartOfTheArticlePage() {
		article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
		article.answer("GET /api/articles/openai-nato/related", 200, "[]");
		ranking.answer("GET /api/rankings/tags", 200, "[]");
		ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 200, "{\"views\":42}");
		ranking.answer("GET /api/rankings/hot", 200,
				"{\"items\":[{\"rank\":1,\"views\":9,\"article\":{\"id\":\"h\",\"slug\":\"hot-one\",\"title\":\"热文\"}}]}");
	}

	@Test
	void articleServiceDownIsA503WithRetryAfter() throws Exception {
		article.answer("GET /api/articles/openai-nato", 503, "{}");
		mvc.perform(get("/articles/openai-nato"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
	}

	@Test
	void homeHasSectionsHeadlineCounterAndSiteJsonLd() throws Exception {
		article.route("GET /api/articles",
				uri -> com.accesspath.site.StubBackend.Answer.json(uri.getQuery().contains("category=policy") ? """
						{"items":[{"id":"a1","slug":"newest","title":"最新政策","publishedAt":"2026-03-04T08:00:00Z",
						 "category":{"key":"policy","name":"政策"}}],"nextCursor":null}""" : """
						{"items":[],"nextCursor":null}"""));
		leads.answer("GET /api/diagnosis/stats", 200, "{\"completed\":1234}");
		String html = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("id=\"latest-policy\"")
			.contains("class=\"headline\"")
			.contains("已有 <strong>1,234</strong> 企业完成诊断")
			.contains("class=\"newsletter-form compact\" data-form=\"subscribe\"");
		assertThat(jsonLd(html, "WebSite").at("/potentialAction/target").asString())
			.isEqualTo("https://www.example.cn/search?q={search_term_string}");
		assertThat(jsonLd(html, "Organization").get("name").asString()).isEqualTo("前途科技");
	}

	@Test
	void theHeadlineIsTheFeaturedArticleWithResponsiveCovers() throws Exception {
		String cover = "/media/" + "ab12".repeat(8) + "/headline.jpg";
		article.route("GET /api/articles", uri -> com.accesspath.site.StubBackend.Answer
			.json(uri.getQuery().contains("featured=true")
					? """
							{"items":[{"id":"f1","slug":"older-but-featured","title":"编辑选的头条","publishedAt":"2026-01-04T08:00:00Z",
							 "coverImage":"%s","featured":true,"category":{"key":"policy","name":"政策"}}],"nextCursor":null}"""
						.formatted(cover)
					: """
							{"items":[{"id":"a1","slug":"newest","title":"最新政策","publishedAt":"2026-03-04T08:00:00Z",
							 "category":{"key":"policy","name":"政策"}}],"nextCursor":null}"""));
		String html = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String headline = html.substring(html.indexOf("class=\"headline\""));
		assertThat(headline).contains("编辑选的头条")
			.contains("src=\"" + cover + "\"")
			.contains("srcset=\"" + cover + "?w=320 320w, " + cover + "?w=640 640w, " + cover + "?w=1280 1280w\"");
		assertThat(html).contains("最新政策");
		// The JSON home page for apps names it too.
		String json = mvc.perform(get("/api/pages/home")).andReturn().getResponse().getContentAsString();
		assertThat(JSON.readTree(json).at("/headline/slug").asString()).isEqualTo("older-but-featured");
	}

	@Test
	void libraryImagesInTheBodyAreResponsiveAndOthersAreLeftAlone() throws Exception {
		String image = "/media/" + "cd34".repeat(8) + "/chart.png";
		article.answer("GET /api/articles/openai-nato", 200, ARTICLE.replace("<p>第一段</p>", "<p>第一段</p><img src=\\\""
				+ image
				+ "\\\" alt=\\\"图表\\\" width=\\\"800\\\" height=\\\"450\\\" /><img src=\\\"https://img.example.cn/a.png\\\" />"));
		String html = mvc.perform(get("/articles/openai-nato"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html)
			.contains("<img src=\"" + image + "\" srcset=\"" + image + "?w=320 320w, " + image + "?w=640 640w, " + image
					+ "?w=1280 1280w\" sizes=\"(max-width: 760px) 100vw, 720px\"")
			.contains("alt=\"图表\" width=\"800\" height=\"450\" />")
			.contains("<img src=\"https://img.example.cn/a.png\" />");
	}

	@Test
	void sitePagesAndContactForm() throws Exception {
		article.answer("GET /api/site/pages/contact", 200,
				"{\"slug\":\"contact\",\"title\":\"联系我们\",\"body\":\"<p>欢迎</p>\"}");
		String html = mvc.perform(get("/contact"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("<p>欢迎</p>").contains("data-form=\"contact\"").contains("data-page=\"site-page\"");
	}

	@Test
	void reportPagesAreNoindexAndPrivateAndKeepTheirTokenToThemselves() throws Exception {
		mvc.perform(get("/diagnosis")).andExpect(header().doesNotExist("Referrer-Policy"));
		String html = mvc.perform(get("/diagnosis/report/abc"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store, private"))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("<meta name=\"robots\" content=\"noindex\">")
			.contains("id=\"page-root\" data-module=\"report\"");
	}

	@Test
	void versionedAssetsAreImmutableAndLinked() throws Exception {
		article.answer("GET /api/site/pages/about", 200, "{\"slug\":\"about\",\"title\":\"关于\",\"body\":\"\"}");
		String html = mvc.perform(get("/about")).andReturn().getResponse().getContentAsString();
		Matcher css = Pattern.compile("href=\"(/assets/site-[0-9a-f]{32}\\.css)\"").matcher(html);
		assertThat(css.find()).isTrue();
		mvc.perform(get(css.group(1)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable"));
		mvc.perform(get("/assets/site.css"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=300, public"));
	}

	@Test
	void webJarsAreServedUnderTheirVersionImmutableAndAnUnknownOneIsNotStored() throws Exception {
		mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable"))
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, org.hamcrest.Matchers.containsString("javascript")));
		// The editors' TinyMCE, and what it loads from its base_url: its theme, skin and
		// plugins.
		for (String file : new String[] { "tinymce.min.js", "themes/silver/theme.min.js", "models/dom/model.min.js",
				"icons/default/icons.min.js", "skins/ui/oxide/skin.min.css", "skins/ui/oxide/content.min.css",
				"plugins/table/plugin.min.js" }) {
			mvc.perform(get("/webjars/tinymce/6.8.3/" + file))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable"))
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE,
						org.hamcrest.Matchers.containsString(file.endsWith(".css") ? "css" : "javascript")));
		}
		mvc.perform(get("/webjars/echarts/0.0.1/dist/echarts.esm.min.js"))
			.andExpect(status().isNotFound())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"));
		mvc.perform(get("/webjars/../application.yml")).andExpect(status().is4xxClientError());
	}

	@Test
	void consolesAnswerTheClientShell() throws Exception {
		for (String path : new String[] { "/console/leads", "/console/leads/stats" }) {
			String html = mvc.perform(get(path))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("/assets/app.js");
		}
	}

	@Test
	void frameUsesDefaultsWhenSettingsCannotBeRead() throws Exception {
		article.answer("GET /api/site", 500, "{}");
		article.answer("GET /api/site/pages/about", 200, "{\"slug\":\"about\",\"title\":\"关于\",\"body\":\"\"}");
		mvc.perform(get("/about")).andExpect(status().isOk());
	}

	private static JsonNode jsonLd(String html, String type) {
		for (String script : scripts(html)) {
			JsonNode node = JSON.readTree(script);
			if (type.equals(node.path("@type").asString())) {
				return node;
			}
		}
		throw new AssertionError("no JSON-LD " + type);
	}

	private static java.util.List<String> scripts(String html) {
		java.util.List<String> found = new java.util.ArrayList<>();
		Matcher matcher = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL)
			.matcher(html);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static int countOf(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
