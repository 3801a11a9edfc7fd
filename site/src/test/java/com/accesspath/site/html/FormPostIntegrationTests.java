package com.accesspath.site.html;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
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
	void theContactFormCarriesHiddenSourceFieldsWithItsOwnPage() throws Exception {
		assertThat(httpGet("/contact").body())
			.contains("<input type=\"hidden\" name=\"source.page\" value=\"/contact\">")
			.contains("<input type=\"hidden\" name=\"source.utm.campaign\" value=\"\">")
			.contains("<input type=\"hidden\" name=\"source.wechatScene\" value=\"\">");
	}

	@Test
	void aContactPostForwardsTheSourceItsScriptFilledInLeavingOutWhatIsEmpty() throws Exception {
		leads.answer("POST /api/contact", 201, "{\"id\":\"lead-3\"}");
		Map<String, String> fields = contact("contact", "李雷", "");
		fields.put("source.page", "/articles/ai-quality");
		fields.put("source.cta", "article-end-contact");
		fields.put("source.referrer", "https://www.baidu.com/s");
		fields.put("source.utm.source", "wechat");
		fields.put("source.utm.medium", "");
		fields.put("source.utm.campaign", "2026-制造业");
		fields.put("source.wechatScene", "timeline");
		assertThat(formPost("/contact", fields).statusCode()).isEqualTo(303);
		JsonNode body = JSON.readTree(leads.lastRequest("POST /api/contact").body());
		assertThat(body.get("source")).isEqualTo(JSON.readTree("""
				{"page":"/articles/ai-quality","cta":"article-end-contact","referrer":"https://www.baidu.com/s",
				 "utm":{"source":"wechat","campaign":"2026-制造业"},"wechatScene":"timeline"}"""));
	}

	@Test
	void withoutScriptTheSourceIsTheLandingCookiesCampaignAndTheFormPagesAddress() throws Exception {
		// The landing page of a campaign: the cookie, only for the form paths (contact,
		// the guide, the downloads under /resources), for the session only, and an answer
		// no cache keeps.
		HttpResponse<String> landing = http("GET",
				"/contact?utm_source=wechat&utm_medium=social&utm_campaign=%E5%88%B6%E9%80%A0&scene=menu", null,
				"Referer", "https://www.baidu.com/s?wd=private+words");
		assertThat(landing.statusCode()).isEqualTo(200);
		assertThat(landing.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue("no-store, private");
		List<String> cookies = landing.headers().allValues(HttpHeaders.SET_COOKIE);
		assertThat(cookies).hasSize(3)
			.anyMatch(set -> set.contains("Path=/guide"))
			.anyMatch(set -> set.contains("Path=/resources"));
		String cookie = cookies.stream().filter(set -> set.contains("Path=/contact")).findFirst().orElseThrow();
		assertThat(cookie).startsWith("ap_source=")
			.contains("Path=/contact")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.doesNotContain("Max-Age")
			.doesNotContain("Expires")
			.doesNotContain("private");
		String sent = cookie.substring(0, cookie.indexOf(';'));

		// The form posted from the page a CTA led to, without the script's fields.
		leads.answer("POST /api/contact", 201, "{\"id\":\"lead-4\"}");
		Map<String, String> fields = contact("contact", "李雷", "");
		fields.put("source.page", "/contact");
		fields.put("source.cta", "");
		HttpResponse<String> answer = http("POST", "/contact", form(fields), "Content-Type",
				"application/x-www-form-urlencoded", "Cookie", sent, "Referer",
				"https://www.example.cn/contact?cta=footer-contact");
		assertThat(answer.statusCode()).isEqualTo(303);
		JsonNode body = JSON.readTree(leads.lastRequest("POST /api/contact").body());
		assertThat(body.get("source")).isEqualTo(JSON.readTree("""
				{"page":"/contact","cta":"footer-contact","referrer":"https://www.baidu.com/s",
				 "utm":{"source":"wechat","medium":"social","campaign":"制造"},"wechatScene":"menu"}"""));

		// The first campaign of the visit is the one that counts; pages without one set
		// nothing and stay shared.
		assertThat(http("GET", "/contact?utm_source=weibo", null, "Cookie", sent).headers()
			.allValues(HttpHeaders.SET_COOKIE)).isEmpty();
		HttpResponse<String> plain = httpGet("/contact?cta=footer-contact");
		assertThat(plain.headers().allValues(HttpHeaders.SET_COOKIE)).isEmpty();
		assertThat(plain.headers().firstValue(HttpHeaders.CACHE_CONTROL))
			.hasValueSatisfying(value -> assertThat(value).contains("public"));
	}

	@Test
	void hostileSourceValuesAreCleanedNotRefused() throws Exception {
		leads.answer("POST /api/contact", 201, "{\"id\":\"lead-5\"}");
		Map<String, String> fields = contact("contact", "李雷", "");
		fields.put("source.page", "/x" + "页".repeat(600));
		fields.put("source.cta", "a\u0000b\u001bc\u007f\td");
		fields.put("source.utm.term", "😀".repeat(300));
		fields.put("source.wechatScene", "\u0001\u0002 ");
		HttpResponse<String> answer = http("POST", "/contact", form(fields), "Content-Type",
				"application/x-www-form-urlencoded", "Cookie",
				"ap_source=source=%zz&referrer=%01%02&=x&&campaign=%E2%80%8Bok%0A", "Referer", "not a url");
		assertThat(answer.statusCode()).isEqualTo(303);
		JsonNode source = JSON.readTree(leads.lastRequest("POST /api/contact").body()).get("source");
		assertThat(source.get("page").asString()).hasSize(500).startsWith("/x页");
		assertThat(source.get("cta").asString()).isEqualTo("abcd");
		// 250 emoji are 500 UTF-16 units, 300 are more: the cut never splits one.
		assertThat(source.get("utm").get("term").asString()).isEqualTo("😀".repeat(250));
		assertThat(source.get("utm").get("campaign").asString()).isEqualTo("\u200bok");
		assertThat(source.get("utm").has("source")).isFalse();
		assertThat(source.has("referrer")).isFalse();
		assertThat(source.has("wechatScene")).isFalse();

		// A landing with values over the cookie's budget still answers, with a cookie a
		// browser keeps.
		String longWords = "%E5%88%B6".repeat(200);
		HttpResponse<String> landing = http("GET",
				"/contact?utm_source=" + longWords + "&utm_campaign=" + longWords + "&utm_term=%00%01x", null);
		assertThat(landing.statusCode()).isEqualTo(200);
		assertThat(landing.headers().firstValue(HttpHeaders.SET_COOKIE))
			.hasValueSatisfying(cookie -> assertThat(cookie.length()).isLessThan(4000));
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
