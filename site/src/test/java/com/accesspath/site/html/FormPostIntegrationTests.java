package com.accesspath.site.html;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import com.accesspath.site.SiteIntegrationTestSupport;
import com.accesspath.site.StubBackend.Request;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact and subscription forms posted without JavaScript, over real HTTP: the lead
 * or subscription is created with the client's address, 303 to the thanks; a refused post
 * shows the form again (400) with what was typed, escaped, and the errors.
 */
class FormPostIntegrationTests extends SiteIntegrationTestSupport {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String HOSTILE = "\"><script>alert(1)</script>";

	@BeforeEach
	void taxonomyAndSettings() {
		article.answer("GET /api/categories", 200, TAXONOMY);
		article.answer("GET /api/site", 200, HtmlPageIntegrationTests.SETTINGS);
		article.answer("GET /api/site/pages/contact", 200,
				"{\"slug\":\"contact\",\"title\":\"联系我们\",\"body\":\"<p>欢迎来信</p>\"}");
	}

	private static Map<String, String> contact(String kind, String name, String phone) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("kind", kind);
		fields.put("name", name);
		fields.put("company", " 前途科技 ");
		fields.put("email", "li@example.cn");
		fields.put("phone", phone);
		fields.put("message", "想了解 AI 落地");
		fields.put("consent", "on");
		return fields;
	}

	@Test
	void theFormsArePostedToTheSiteAndNeedNoScriptNote() throws Exception {
		// The first page of a fresh context may find the stubs slow to answer at first.
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> httpGet("/contact").statusCode() == 200);
		String contactPage = httpGet("/contact").body();
		assertThat(contactPage)
			.contains("<form class=\"contact-form\" data-form=\"contact\" method=\"post\" "
					+ "action=\"/contact\" novalidate>")
			.doesNotContain("<noscript>")
			.doesNotContain("需要启用 JavaScript");
		assertThat(httpGet("/guide").body()).contains("data-form=\"download\" method=\"post\" action=\"/guide\"")
			.contains("<input type=\"hidden\" name=\"resource\" value=\"ai-landing-guide\">");
		article.answer("GET /api/articles", 200, "{\"items\":[],\"nextCursor\":null}");
		assertThat(httpGet("/").body())
			.contains("data-form=\"subscribe\" method=\"post\" action=\"/subscribe\" novalidate>")
			.doesNotContain("订阅需要启用 JavaScript");
	}

	@Test
	void aContactPostCreatesTheLeadWithTheClientsAddressAndSeesOtherToTheThanks() throws Exception {
		leads.answer("POST /api/contact", 201, "{\"id\":\"lead-1\"}");
		HttpResponse<String> answer = formPost("/contact", contact("contact", "李雷", ""));
		assertThat(answer.statusCode()).isEqualTo(303);
		assertThat(answer.headers().firstValue(HttpHeaders.LOCATION)).hasValue("/contact/sent");
		assertThat(leads.calls("POST /api/contact")).isEqualTo(1);
		Request sent = leads.lastRequest("POST /api/contact");
		// The API's JSON: empty optional fields left out, the checkbox a boolean.
		assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("""
				{"name":"李雷","company":"前途科技","email":"li@example.cn","message":"想了解 AI 落地","consent":true}"""));
		assertThat(sent.header("Content-Type")).startsWith("application/json");
		assertThat(sent.header("X-Forwarded-For")).isEqualTo("203.0.113.7");
		assertThat(sent.header("User-Agent")).isEqualTo("NoScript/1.0");
		HttpResponse<String> thanks = httpGet("/contact/sent");
		assertThat(thanks.statusCode()).isEqualTo(200);
		assertThat(thanks.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue("no-store, private");
		assertThat(thanks.body())
			.contains("<p class=\"form-success\" role=\"status\" tabindex=\"-1\">已收到,我们会尽快联系您。</p>")
			.contains("<h1>联系我们</h1>")
			.doesNotContain("<form class=\"contact-form\"");
	}

	@Test
	void aRefusedContactPostIsTheFormAgainWithWhatWasTypedEscapedAndTheErrors() throws Exception {
		leads.answer("POST /api/contact", 400, """
				{"type":"https://accesspath.cn/problems/400","title":"Bad Request","status":400,
				 "detail":"The request has invalid fields.","errors":[
				  {"field":"phone","message":"must be a mainland China mobile number"},
				  {"field":"consent","message":"must be true"}]}""");
		Map<String, String> fields = contact("contact", HOSTILE, "123");
		fields.remove("consent");
		fields.put("message", "</textarea>" + HOSTILE);
		HttpResponse<String> answer = formPost("/contact", fields);
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue("no-store, private");
		String html = answer.body();
		assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("</textarea><script>");
		assertThat(html).contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"")
			.contains("value=\"123\"")
			.contains("<div class=\"field invalid\" data-field=\"phone\">")
			.contains("<p class=\"field-error\" role=\"alert\" data-for=\"phone\">请输入有效的中国大陆手机号(11 位)</p>")
			.contains("<p class=\"field-error\" role=\"alert\" data-for=\"consent\">请阅读并同意隐私政策</p>")
			.contains("<p class=\"form-error\" role=\"alert\">请按提示修改标出的内容。</p>")
			.contains("<div class=\"field\" data-field=\"name\">")
			.contains("<h1>联系我们</h1>")
			.contains("<p>欢迎来信</p>");
		assertThat(JSON.readTree(leads.lastRequest("POST /api/contact").body()).get("consent").asBoolean()).isFalse();
	}

	@Test
	void aRefusalWithoutFieldsShowsItsDetailEscaped() throws Exception {
		leads.answer("POST /api/contact", 422, "{\"status\":422,\"detail\":\"" + HOSTILE.replace("\"", "\\\"") + "\"}");
		HttpResponse<String> answer = formPost("/contact", contact("contact", "王", ""));
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).doesNotContain("<script>alert(1)")
			.contains("<p class=\"form-error\" role=\"alert\">\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>")
			.contains("<h1>联系我们</h1>");
	}

	@Test
	void leadsServiceDownIsTheFormAgainWith503AndNothingIsRetried() throws Exception {
		leads.answer("POST /api/contact", 503, "{}");
		HttpResponse<String> answer = formPost("/contact", contact("contact", "李雷", ""));
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();
		assertThat(answer.body()).contains("暂时无法提交,请稍后再试。").contains("value=\"李雷\"");
		assertThat(leads.calls("POST /api/contact")).isEqualTo(1);
	}

	@Test
	void aSubscriptionPostSubscribesAndSeesOtherToTheCheckYourMailboxPage() throws Exception {
		newsletter.answer("POST /api/subscriptions", 202, "{\"status\":\"pending\"}");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("email", "a+b@example.cn");
		fields.put("frequency", "daily");
		fields.put("consent", "on");
		HttpResponse<String> answer = formPost("/subscribe", fields);
		assertThat(answer.statusCode()).isEqualTo(303);
		assertThat(answer.headers().firstValue(HttpHeaders.LOCATION)).hasValue("/subscribe?sent=a%2Bb%40example.cn");
		Request sent = newsletter.lastRequest("POST /api/subscriptions");
		assertThat(JSON.readTree(sent.body()))
			.isEqualTo(JSON.readTree("{\"email\":\"a+b@example.cn\",\"frequency\":\"daily\",\"consent\":true}"));
		assertThat(sent.header("X-Forwarded-For")).isEqualTo("203.0.113.7");
		assertThat(httpGet("/subscribe?sent=a%2Bb%40example.cn").statusCode()).isEqualTo(200);
	}

	@Test
	void aRefusedSubscriptionIsTheFormAgain() throws Exception {
		newsletter.answer("POST /api/subscriptions", 400, """
				{"status":400,"detail":"The request has invalid fields.",
				 "errors":[{"field":"email","message":"must be a well-formed email address"}]}""");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("email", HOSTILE);
		fields.put("frequency", "weekly");
		HttpResponse<String> answer = formPost("/subscribe", fields);
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).doesNotContain("<script>alert(1)")
			.contains("data-form=\"subscribe\" method=\"post\" action=\"/subscribe\"")
			.contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"")
			.contains("<option value=\"weekly\" selected>")
			.contains("data-for=\"email\">请输入有效的邮箱地址</p>")
			.contains("<h1>邮件订阅</h1>");
	}

}
