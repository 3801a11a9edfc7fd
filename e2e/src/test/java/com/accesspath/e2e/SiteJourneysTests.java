package com.accesspath.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.json.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers and prospects on the public site: pages the server renders, which site.js
 * enhances (and which read without it).
 */
class SiteJourneysTests extends Journeys {

	private static final Pattern JSON_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

	/**
	 * A leaf of 资源中心 that no other journey reads, filled beyond one page of any size the
	 * site can ask /api/articles for (at most 50).
	 */
	private static final String PAGED_CATEGORY = "knowledge";

	@Test
	void aReaderReadsAnArticleAndItsViewCountRisesOnce() throws Exception {
		this.browser.open("/", "home");
		assertThat(this.browser.findAll(".hot-list li")).as("the 24小时热榜 shows the seeded views").isNotEmpty();
		assertThat(this.browser.text(".hot-list li .views")).matches("[\\d,.万]+ 阅读");
		// The home page may come from the gateway's edge cache, so the counter is checked
		// for its form.
		assertThat(this.browser.text(".cta-diagnosis .cta-counter")).matches("已有 [\\d,]+ 企业完成诊断|免费 · 成为第一家完成诊断的企业");
		this.browser.screenshots("home");

		WebElement link = this.browser.find("#latest-policy .article-card h3 a");
		String title = link.getText();
		// The total before this visit, from the API (the page itself may come from a
		// cache).
		String slug = link.getAttribute("href").replaceFirst(".*/articles/", "");
		String id = JSON_ID.matcher(Platform.get("/api/articles/" + slug).body())
			.results()
			.findFirst()
			.orElseThrow()
			.group(1);
		long before = Long.parseLong(Platform.get("/api/views/" + id).body().replaceAll(".*\"views\":(\\d+).*", "$1"));
		this.browser.click("#latest-policy .article-card h3 a");
		this.browser.waitForPage("article");
		assertThat(this.browser.text(".article-page h1")).isEqualTo(title);
		assertThat(this.browser.find(".article-page").getAttribute("data-article-id")).isEqualTo(id);
		WebElement views = this.browser.waitFor(By.cssSelector("#article-views[data-counted]"));
		assertThat(views.getAttribute("data-counted")).isEqualTo("true");
		assertThat(Long.parseLong(views.getAttribute("data-views"))).isEqualTo(before + 1);
		assertThat(views.getText()).endsWith("阅读");
		assertThat(this.browser.text(".article-meta")).contains("分钟阅读");
		assertThat(this.browser.findAll(".secondary .hot-list li")).isNotEmpty();
		assertThat(this.browser.text(".cta-article a[data-cta='article-end-diagnosis']"))
			.isEqualTo("免费获取企业 AI 成熟度诊断报告");
		// The script shows the share buttons the server rendered hidden.
		assertThat(this.browser.text(".share .share-copy")).isEqualTo("复制链接");
		this.browser.click(".share .share-wechat");
		assertThat(this.browser.text(".share .share-hint")).isEqualTo("复制链接后在微信中打开分享");
		this.browser.screenshots("article");

		// The same visitor again within half an hour (the page itself may come from a
		// cache): not counted, and the page shows the total the API answered.
		this.browser.driver.navigate().refresh();
		this.browser.waitForPage("article");
		WebElement again = this.browser.waitFor(By.cssSelector("#article-views[data-counted]"));
		assertThat(again.getAttribute("data-counted")).isEqualTo("false");
		assertThat(Long.parseLong(again.getAttribute("data-views"))).isEqualTo(before + 1);
	}

	@Test
	void aReaderWithoutJavaScriptReadsAnArticleAndPagesThroughASection() throws Exception {
		fillPagedCategory();
		String slug = firstArticleSlug();
		try (Browser reader = Browser.openWithoutJavaScript()) {
			reader.open("/articles/" + slug, "article");
			// Nothing ran: the buttons the script would show are still hidden, no view
			// was counted here.
			assertThat(reader.find(".share .share-copy").getAttribute("hidden")).isNotNull();
			assertThat(reader.find("#article-views").getAttribute("data-counted")).isNull();
			assertThat(reader.text(".article-page h1")).isNotBlank();
			assertThat(reader.findAll(".article-body p")).isNotEmpty()
				.allSatisfy(p -> assertThat(p.isDisplayed()).isTrue());
			assertThat(reader.text(".article-meta")).contains("分钟阅读");
			assertThat(reader.findAll(".secondary .hot-list li")).as("24小时热榜").isNotEmpty();
			assertThat(reader.text(".share a[href^='https://service.weibo.com/share/share.php']")).isNotBlank();
			WebElement icp = reader
				.waitFor(By.cssSelector(".site-footer .footer-legal a[href^='https://beian.miit.gov.cn']"));
			assertThat(icp.getText()).contains("ICP备");
			assertThat(reader.text(".site-footer .footer-legal")).contains("©").contains("公网安备");
			reader.screenshots("article-without-javascript");

			reader.open("/category/" + PAGED_CATEGORY, "category");
			List<String> first = titles(reader);
			assertThat(first).isNotEmpty();
			String next = reader.find(".pager a.load-more").getAttribute("href");
			assertThat(next).contains("cursor=");
			reader.click(".pager a.load-more");
			reader.waitUntil(driver -> driver.getCurrentUrl().contains("cursor="));
			reader.waitForPage("category");
			List<String> second = titles(reader);
			assertThat(second).as("the next page, none of the first again")
				.isNotEmpty()
				.doesNotContainAnyElementsOf(first);
		}
	}

	@Test
	void loadMoreAddsTheNextPageInPlace() throws Exception {
		fillPagedCategory();
		this.browser.open("/category/" + PAGED_CATEGORY, "category");
		String url = this.browser.driver.getCurrentUrl();
		List<String> first = titles(this.browser);
		this.browser.click(".pager a.load-more");
		this.browser.waitUntil(driver -> titles(this.browser).size() > first.size());
		List<String> both = titles(this.browser);
		assertThat(both.subList(0, first.size())).isEqualTo(first);
		assertThat(both.subList(first.size(), both.size())).doesNotContainAnyElementsOf(first);
		assertThat(this.browser.driver.getCurrentUrl()).as("the same page, grown").isEqualTo(url);
		// The keyboard goes on at the first new article, not at the top of the page.
		assertThat(this.browser.driver.switchTo().activeElement().getText()).isEqualTo(both.get(first.size()));
		this.browser.screenshots("category-load-more");
	}

	@Test
	void anArticleCarriesItsShareCardAndStructuredData() throws Exception {
		String slug = firstArticleSlug();
		HttpResponse<String> html = Platform.get("/articles/" + slug);
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		try (Browser crawler = Browser.openWithoutJavaScript()) {
			crawler.open("/articles/" + slug, "article");
			String title = crawler.text(".article-page h1");
			assertThat(meta(crawler, "og:title")).isEqualTo(title);
			assertThat(meta(crawler, "og:type")).isEqualTo("article");
			assertThat(meta(crawler, "og:description")).isNotBlank();
			assertThat(meta(crawler, "og:image")).matches("https?://.+");
			String canonical = crawler.find("link[rel=canonical]").getAttribute("href");
			assertThat(canonical).matches("https?://[^/]+/articles/" + Pattern.quote(slug));
			assertThat(meta(crawler, "og:url")).isEqualTo(canonical);
			assertThat(crawler.find("title").getAttribute("textContent")).contains(title);
			assertThat(crawler.find(".share").getAttribute("data-share-url")).isEqualTo(canonical);

			Map<String, Object> article = structuredData(crawler).stream()
				.filter(node -> "NewsArticle".equals(node.get("@type")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no JSON-LD NewsArticle"));
			assertThat(article.get("headline")).isEqualTo(title);
			assertThat(article.get("datePublished")).isNotNull();
		}
	}

	@Test
	void anUnknownArticleIsA404Page() throws Exception {
		HttpResponse<String> missing = Platform.get("/articles/no-such-article-" + System.nanoTime());
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(Platform.get("/category/no-such-section").statusCode()).isEqualTo(404);

		this.browser.open("/articles/no-such-article", "not-found");
		assertThat(this.browser.findAll("main h1")).isNotEmpty();
		assertThat(this.browser.find(".site-header a.brand").isDisplayed()).isTrue();
		assertThat(this.browser.findAll(".site-footer .footer-legal")).hasSize(1);
		this.browser.screenshots("not-found");
	}

	@Test
	void aProspectWritesThroughTheContactFormAndSalesSeesTheLead() throws Exception {
		// Leads are one per person: a phone number seen before would add to that lead.
		String phone = "136" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
		String company = "联系表单测试公司" + phone.substring(3);
		// A campaign's landing page, then the footer's CTA: the form sends where the
		// visitor came from (leads-service refuses a source it cannot read).
		this.browser.open("/?utm_source=e2e&utm_campaign=%E8%81%94%E7%B3%BB%E8%A1%A8%E5%8D%95", "home");
		this.browser.click(".site-footer a[data-cta='footer-contact']");
		this.browser.waitForPage("site-page");
		assertThat(this.browser.find("form.contact-form [name='source.cta']").getAttribute("value"))
			.isEqualTo("footer-contact");
		assertThat(this.browser.find("form.contact-form [name='source.utm.campaign']").getAttribute("value"))
			.isEqualTo("联系表单");
		String form = "form.contact-form[data-form=contact] ";
		this.browser.type(form + "[name=name]", "林涛");
		this.browser.type(form + "[name=company]", company);
		this.browser.type(form + "[name=phone]", "12345");
		this.browser.type(form + "[name=message]", "想了解零售门店的 AI 客流分析方案");
		this.browser.click(form + "[type=submit]");
		// The API's errors land at the fields they name.
		assertThat(this.browser.text(form + "[data-field=phone] .field-error")).contains("手机号");
		assertThat(this.browser.text(form + "[data-field=consent] .field-error")).contains("隐私政策");
		this.browser.screenshots("contact-errors");

		this.browser.type(form + "[name=phone]", phone);
		this.browser.click(form + "[name=consent]");
		this.browser.click(form + "[type=submit]");
		assertThat(this.browser.text(".form-success")).isEqualTo("已收到,我们会尽快联系您");
		this.browser.screenshots("contact-sent");

		this.browser.open("/console/leads?q=" + URLEncoder.encode(company, StandardCharsets.UTF_8), "console-leads");
		this.browser.type("#token", Platform.token("SALES"));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr").size() == 1);
		assertThat(this.browser.text("#leads tbody tr")).contains(company)
			.contains("咨询留言")
			.contains("136****" + phone.substring(7));
	}

	@Test
	void aProspectWithoutJavaScriptWritesFromACampaignsLandingPage() throws Exception {
		String phone = "135" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
		try (Browser reader = Browser.openWithoutJavaScript()) {
			// The site keeps the landing's campaign in a session cookie for the form
			// post;
			// leads-service refuses a source it cannot read, which would show the form
			// again.
			reader.open("/contact?utm_source=e2e-nojs&utm_campaign=%E6%97%A0%E8%84%9A%E6%9C%AC", "site-page");
			String form = "form.contact-form[data-form=contact] ";
			reader.type(form + "[name=name]", "陈静");
			reader.type(form + "[name=company]", "无脚本测试公司" + phone.substring(3));
			reader.type(form + "[name=phone]", phone);
			reader.type(form + "[name=message]", "没有 JavaScript 也能留言");
			reader.click(form + "[name=consent]");
			reader.click(form + "[type=submit]");
			reader.waitUntil(driver -> driver.getCurrentUrl().endsWith("/contact/sent"));
			assertThat(reader.text(".form-success")).contains("已收到");
		}
	}

	@Test
	void aReaderFindsAnArticleByChineseSearch() throws Exception {
		this.browser.open("/", "home");
		this.browser.type(".site-search input[name=q]", "北约");
		this.browser.find(".site-search input[name=q]").submit();
		this.browser.waitForPage("search");
		this.browser.waitFor(By.cssSelector(".search-results .article-card"));
		assertThat(this.browser.findAll(".search-results .article-card h3")).extracting(WebElement::getText)
			.anyMatch(text -> text.contains("北约"));
		this.browser.screenshots("search");

		this.browser.click(".search-results .article-card h3 a");
		this.browser.waitForPage("article");
		assertThat(this.browser.text(".article-page h1")).contains("北约");
	}

	@Test
	void aCategoryPageNavigatesTheTaxonomy() throws Exception {
		this.browser.open("/category/news", "category");
		assertThat(this.browser.text(".page-head h1")).isEqualTo("AI 资讯");
		assertThat(this.browser.findAll(".subnav a")).extracting(WebElement::getText).contains("快讯", "政策", "初创");
		this.browser.click(".subnav a[href='/category/policy']");
		this.browser.waitForPage("category");
		this.browser.waitFor(By.cssSelector(".article-card"));
		assertThat(this.browser.findAll(".article-card .badge")).extracting(WebElement::getText).containsOnly("政策");
		this.browser.screenshots("category");
	}

	@Test
	void aProspectCompletesTheDiagnosisAndSeesTheReport() throws Exception {
		this.browser.open("/diagnosis", "diagnosis");
		this.browser.screenshots("diagnosis-1-company");
		this.browser.click(".wizard-actions .button-accent");
		assertThat(this.browser.text("[data-field='company.name'] .field-error")).isEqualTo("此项为必填项");

		this.browser.type("#company-name", "浏览器测试科技有限公司");
		this.browser.choose("#company-industry", "manufacturing");
		this.browser.choose("#company-size", "201-1000");
		this.browser.click(".wizard-actions .button-accent");
		this.browser.waitFor(By.cssSelector(".wizard-step[data-step='1']"));
		for (WebElement question : this.browser.findAll(".question")) {
			question.findElements(By.cssSelector(".option")).get(3).click();
		}
		assertThat(this.browser.text(".answered")).isEqualTo("已回答 18 / 18");
		this.browser.screenshots("diagnosis-2-questionnaire");
		this.browser.click(".wizard-actions .button-accent");
		this.browser.waitFor(By.cssSelector(".wizard-step[data-step='2']"));

		// A reload keeps what was typed and where the prospect was.
		this.browser.driver.navigate().refresh();
		this.browser.waitForPage("diagnosis");
		this.browser.waitFor(By.cssSelector(".wizard-step[data-step='2']"));
		assertThat(this.browser.findAll(".question input:checked")).hasSize(18);

		// The API's validation errors land at the fields they name.
		this.browser.type("#contact-name", "李雷");
		this.browser.type("#contact-phone", "12345");
		this.browser.click(".wizard-actions .button-accent");
		assertThat(this.browser.text("[data-field='contact.phone'] .field-error")).contains("手机号");
		assertThat(this.browser.text("[data-field='consent'] .field-error")).contains("隐私政策");
		this.browser.screenshots("diagnosis-3-errors");

		this.browser.type("#contact-phone", "13912345678");
		this.browser.click("[data-field='consent'] input[type=checkbox]");
		this.browser.click(".wizard-actions .button-accent");
		this.browser.waitForPage("report");
		assertThat(this.browser.driver.getCurrentUrl()).matches(".*/diagnosis/report/[^/?]+\\?token=.+");
		assertThat(this.browser.find("meta[name=robots]").getAttribute("content")).contains("noindex");
		assertThat(this.browser.text(".report-head h2")).matches("L\\d · .+");
		assertThat(Integer.parseInt(this.browser.text("#report-overall"))).isBetween(0, 100);
		assertThat(this.browser.findAll("svg.radar .radar-label")).hasSize(6);
		assertThat(this.browser.findAll(".recommendations li")).isNotEmpty();
		this.browser.screenshots("diagnosis-report");

		// The link is the share: a new browser opens the same report.
		String shared = this.browser.driver.getCurrentUrl();
		String overall = this.browser.text("#report-overall");
		try (Browser colleague = Browser.open()) {
			colleague.open(shared, "report");
			assertThat(colleague.text("#report-overall")).isEqualTo(overall);
		}
	}

	@Test
	void aReaderSubscribesAndConfirmsThroughTheLinkInTheEmail() throws Exception {
		String email = "reader-" + System.nanoTime() + "@example.com";
		this.browser.open("/", "home");
		String form = "form.newsletter-form[data-form=subscribe] ";
		this.browser.type(form + "input[name=email]", email);
		this.browser.click(form + "input[name=consent]");
		this.browser.click(form + "[type=submit]");
		this.browser.waitForPage("subscribe");
		assertThat(this.browser.text("#check-inbox")).contains("请查收确认邮件").contains(email);
		this.browser.screenshots("subscribe-check-inbox");

		String link = Platform.confirmationLinkFor(email);
		assertThat(link).startsWith(Platform.GATEWAY + "/subscriptions/confirm?token=");
		this.browser.open(link, "subscription-confirm");
		assertThat(this.browser.text("#subscription-confirmed")).contains("订阅成功");
		this.browser.screenshots("subscription-confirmed");

		// The link works once.
		this.browser.open(link, "subscription-confirm");
		assertThat(this.browser.text(".notice-page h2")).isEqualTo("链接已失效");
	}

	@Test
	void theLegalPagesRead() throws Exception {
		this.browser.open("/privacy", "site-page");
		assertThat(this.browser.text("main h1")).isEqualTo("隐私政策");
		assertThat(this.browser.find("nav.site-nav").getText()).contains("洞察", "服务", "关于", "联系我们");
		this.browser.screenshots("privacy");
		this.browser.open("/terms", "site-page");
		assertThat(this.browser.text("main h1")).isEqualTo("服务条款");
		// The skip link is the first stop of the keyboard, and leads to the content.
		assertThat(this.browser.find("body > a.skip-link:first-child").getAttribute("href")).endsWith("#main");
	}

	private static List<String> titles(Browser browser) {
		return browser.findAll("#article-list .article-card h3 a").stream().map(WebElement::getText).toList();
	}

	private static String meta(Browser browser, String property) {
		return browser.find("meta[property='" + property + "']").getAttribute("content");
	}

	/**
	 * Every JSON-LD node of the page: scripts of one node, of a list, or of an @graph.
	 */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> structuredData(Browser browser) {
		List<Map<String, Object>> nodes = new ArrayList<>();
		for (WebElement script : browser.findAll("script[type='application/ld+json']")) {
			Object parsed = new Json().toType(script.getAttribute("textContent"), Object.class);
			List<Object> found = (parsed instanceof List<?> list) ? new ArrayList<>(list)
					: new ArrayList<>(List.of(parsed));
			for (Object node : found) {
				Map<String, Object> map = (Map<String, Object>) node;
				nodes.add(map);
				if (map.get("@graph") instanceof List<?> graph) {
					graph.forEach(member -> nodes.add((Map<String, Object>) member));
				}
			}
		}
		return nodes;
	}

	private static String firstArticleSlug() throws Exception {
		Map<String, Object> page = new Json().toType(Platform.get("/api/articles?limit=1").body(), Json.MAP_TYPE);
		return (String) ((Map<?, ?>) ((List<?>) page.get("items")).get(0)).get("slug");
	}

	/** Published articles in {@link #PAGED_CATEGORY} until it has more than 50. */
	private static synchronized void fillPagedCategory() throws Exception {
		Map<String, Object> page = new Json()
			.toType(Platform.get("/api/articles?limit=50&category=" + PAGED_CATEGORY).body(), Json.MAP_TYPE);
		if (page.get("nextCursor") != null) {
			return;
		}
		String editor = Platform.token("EDITOR");
		for (int i = ((List<?>) page.get("items")).size(); i <= 50; i++) {
			HttpResponse<String> created = Platform
				.send(admin("/api/admin/articles", editor).POST(HttpRequest.BodyPublishers.ofString("""
						{"title": "分页测试:企业知识库建设第 %d 篇", "summary": "翻页用的测试文章。",
						 "body": "<p>企业知识库是大模型落地的第一步。</p>", "category": "%s", "tags": ["分页测试"]}
						""".formatted(i + 1, PAGED_CATEGORY))));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			Matcher id = JSON_ID.matcher(created.body());
			assertThat(id.find()).isTrue();
			HttpResponse<String> published = Platform
				.send(admin("/api/admin/articles/" + id.group(1) + "/publish", editor)
					.POST(HttpRequest.BodyPublishers.ofString("{}")));
			assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
		}
	}

	private static HttpRequest.Builder admin(String path, String token) {
		return HttpRequest.newBuilder(URI.create(Platform.GATEWAY + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json");
	}

}
