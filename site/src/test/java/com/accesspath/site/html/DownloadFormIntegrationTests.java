package com.accesspath.site.html;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import com.accesspath.site.SiteIntegrationTestSupport;
import com.accesspath.site.StubBackend.Request;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The download forms without JavaScript, over real HTTP: {@code /guide} and the form of
 * every article that offers a file, posted to leads-service's {@code POST /api/downloads}
 * with the client's address; "已发送到您的邮箱" after it, or the form again with the errors in
 * place.
 */
class DownloadFormIntegrationTests extends SiteIntegrationTestSupport {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String HOSTILE = "\"><script>alert(1)</script>";

	static final String GUIDE_ARTICLE = """
			{"id":"6650c3f1e4b0a72b9c0d1e2f","slug":"ai-landing-guide","title":"免费获取 AI 落地指南",
			 "summary":"五个步骤与一份自查清单","body":"<p>指南简介</p>","category":{"key":"whitepaper","name":"白皮书"},
			 "tags":[],"author":{"name":"AccessPath 研究院"},"sources":[],"status":"PUBLISHED",
			 "publishedAt":"2026-03-02T02:00:00Z","updatedAt":"2026-03-02T02:00:00Z","readingMinutes":1,"version":1,
			 "attachment":"ai-landing-guide.pdf"}""";

	@BeforeEach
	void taxonomySettingsAndTheGuide() {
		article.answer("GET /api/categories", 200, TAXONOMY);
		article.answer("GET /api/site", 200, HtmlPageIntegrationTests.SETTINGS);
		article.answer("GET /api/articles/ai-landing-guide", 200, GUIDE_ARTICLE);
		article.answer("GET /api/articles/ai-landing-guide/related", 200, "[]");
		article.answer("GET /api/articles/openai-nato", 200, HtmlPageIntegrationTests.ARTICLE);
		article.answer("GET /api/articles/openai-nato/related", 200, "[]");
	}

	private static Map<String, String> fields(String name, String email) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("resource", "ai-landing-guide");
		fields.put("name", name);
		fields.put("company", " 前途科技 ");
		fields.put("email", email);
		fields.put("phone", "");
		fields.put("title", "CIO");
		fields.put("consent", "on");
		return fields;
	}

	@Test
	void theGuidePageHasAnAccessibleFormThatPostsWithoutScript() throws Exception {
		HttpResponse<String> page = httpGet("/guide");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>免费获取 AI 落地指南</h1>")
			.contains("<link rel=\"canonical\" href=\"https://www.example.cn/guide\">")
			.contains("<form class=\"contact-form download-form\" data-form=\"download\" method=\"post\" "
					+ "action=\"/guide\" novalidate>")
			.contains("<input type=\"hidden\" name=\"resource\" value=\"ai-landing-guide\">")
			.contains("<label for=\"download-name\">", "id=\"download-name\" autocomplete=\"name\" required")
			.contains("id=\"download-company\" autocomplete=\"organization\" required")
			.contains("<input type=\"email\" name=\"email\" id=\"download-email\" autocomplete=\"email\" required")
			.contains("id=\"download-phone\" autocomplete=\"tel\"", "autocomplete=\"organization-title\"")
			.contains("<input type=\"checkbox\" name=\"consent\" required>我已阅读并同意<a href=\"/privacy\"")
			.doesNotContain("<noscript>");
	}

	@Test
	void aGuidePostRequestsTheDownloadAndSaysItIsOnItsWay() throws Exception {
		leads.answer("POST /api/downloads", 202, "{\"message\":\"下载链接将发送到您的邮箱,请查收。\"}");
		Map<String, String> fields = fields("韩梅梅", "han@example.cn");
		// Whatever resource a post names, /guide asks for the guide.
		fields.put("resource", "something-else");
		HttpResponse<String> answer = formPost("/guide", fields);
		assertThat(answer.statusCode()).isEqualTo(303);
		assertThat(answer.headers().firstValue(HttpHeaders.LOCATION)).hasValue("/guide/sent");
		Request sent = leads.lastRequest("POST /api/downloads");
		assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("""
				{"resource":"ai-landing-guide","name":"韩梅梅","company":"前途科技","email":"han@example.cn",
				 "title":"CIO","consent":true}"""));
		assertThat(sent.header("X-Forwarded-For")).isEqualTo("203.0.113.7");
		assertThat(sent.header("User-Agent")).isEqualTo("NoScript/1.0");
		HttpResponse<String> thanks = httpGet("/guide/sent");
		assertThat(thanks.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue("no-store, private");
		assertThat(thanks.body()).contains("<p class=\"form-success\" role=\"status\" tabindex=\"-1\">已发送到您的邮箱")
			.doesNotContain("<form class=\"contact-form download-form\"");
	}

	@Test
	void aRefusedPostIsTheFormAgainWithWhatWasTypedEscapedAndTheErrorsInPlace() throws Exception {
		leads.answer("POST /api/downloads", 400, """
				{"status":400,"detail":"The request has invalid fields.","errors":[
				  {"field":"email","message":"must be a valid email address"},
				  {"field":"consent","message":"must be true"}]}""");
		Map<String, String> fields = fields(HOSTILE, "not-an-address");
		fields.remove("consent");
		HttpResponse<String> answer = formPost("/guide", fields);
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue("no-store, private");
		assertThat(answer.body()).doesNotContain("<script>alert(1)")
			.contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"")
			.contains("value=\"not-an-address\"")
			.contains("<div class=\"field invalid\" data-field=\"email\">")
			.contains("<p class=\"field-error\" role=\"alert\" data-for=\"email\">请输入有效的邮箱地址</p>")
			.contains("<p class=\"field-error\" role=\"alert\" data-for=\"consent\">请阅读并同意隐私政策</p>")
			.contains("<p class=\"form-error\" role=\"alert\">请按提示修改标出的内容。</p>")
			.contains("<h1>免费获取 AI 落地指南</h1>");
		assertThat(JSON.readTree(leads.lastRequest("POST /api/downloads").body()).get("consent").asBoolean()).isFalse();
	}

	@Test
	void aResourceWithoutAFileIsSaidAboveTheForm() throws Exception {
		leads.answer("POST /api/downloads", 422,
				"""
						{"status":422,"detail":"The resource offers no file to download.","errors":[
						  {"field":"resource","message":"resource has no download: it must be the slug of a published article"}]}""");
		HttpResponse<String> answer = formPost("/guide", fields("王", "wang@example.cn"));
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("<p class=\"form-error\" role=\"alert\">", "该资料暂不提供下载")
			.contains("value=\"wang@example.cn\"");
	}

	@Test
	void leadsServiceDownIsTheFormAgainWith503() throws Exception {
		leads.answer("POST /api/downloads", 503, "{}");
		HttpResponse<String> answer = formPost("/guide", fields("李雷", "li@example.cn"));
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();
		assertThat(answer.body()).contains("暂时无法提交,请稍后再试。").contains("value=\"李雷\"");
		assertThat(leads.calls("POST /api/downloads")).isEqualTo(1);
	}

	@Test
	void anArticleThatOffersAFileCarriesItsDownloadFormAndOthersDoNot() throws Exception {
		String guide = httpGet("/articles/ai-landing-guide").body();
		assertThat(guide).contains("<section class=\"download-cta\" id=\"download\"")
			.contains("action=\"/resources/ai-landing-guide/download\"")
			.contains("<input type=\"hidden\" name=\"resource\" value=\"ai-landing-guide\">")
			.contains("<input type=\"hidden\" name=\"source.page\" value=\"/articles/ai-landing-guide\">");
		assertThat(httpGet("/articles/openai-nato").body()).doesNotContain("download-cta")
			.doesNotContain("data-form=\"download\"");
	}

	@Test
	void anArticlesDownloadPageAndPost() throws Exception {
		HttpResponse<String> page = httpGet("/resources/ai-landing-guide/download");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>免费下载《免费获取 AI 落地指南》</h1>")
			.contains("<meta name=\"robots\" content=\"noindex")
			.contains("action=\"/resources/ai-landing-guide/download\"")
			.contains("<a href=\"/articles/ai-landing-guide\">返回文章</a>");
		leads.answer("POST /api/downloads", 202, "{\"message\":\"ok\"}");
		Map<String, String> fields = fields("韩梅梅", "han@example.cn");
		// The lead keeps where it came from, as the contact form's does.
		fields.put("source.page", "/articles/ai-landing-guide");
		fields.put("source.utm.source", "wechat");
		HttpResponse<String> answer = formPost("/resources/ai-landing-guide/download", fields);
		assertThat(answer.statusCode()).isEqualTo(303);
		assertThat(answer.headers().firstValue(HttpHeaders.LOCATION))
			.hasValue("/resources/ai-landing-guide/download/sent");
		JsonNode sent = JSON.readTree(leads.lastRequest("POST /api/downloads").body());
		assertThat(sent.get("resource").asString()).isEqualTo("ai-landing-guide");
		assertThat(sent.get("source"))
			.isEqualTo(JSON.readTree("{\"page\": \"/articles/ai-landing-guide\", \"utm\": {\"source\": \"wechat\"}}"));
		assertThat(httpGet("/resources/ai-landing-guide/download/sent").body()).contains("已发送到您的邮箱");
	}

	@Test
	void anArticleWithoutAFileOrNoArticleHasNoDownloadPage() throws Exception {
		assertThat(httpGet("/resources/openai-nato/download").statusCode()).isEqualTo(404);
		assertThat(httpGet("/resources/no-such-article/download").statusCode()).isEqualTo(404);
		// The id or an old slug of an article is no address of its download page.
		article.answer("GET /api/articles/6650c3f1e4b0a72b9c0d1e2f", 200, GUIDE_ARTICLE);
		assertThat(httpGet("/resources/6650c3f1e4b0a72b9c0d1e2f/download").statusCode()).isEqualTo(404);
	}

}
