package com.accesspath.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** The sales team and the editors at work. */
class ConsoleJourneysTests extends Journeys {

	@Test
	void salesMovesALeadFromNewToContactedAndAddsANote() throws Exception {
		// Leads are one per person: a phone number seen before would add to that lead
		// rather than make a new one.
		String phone = "137" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
		String company = "线索测试公司" + phone.substring(3);
		HttpResponse<String> created = Platform.post("/api/contact", """
				{"name": "韩梅梅", "company": "%s", "phone": "%s", "message": "想了解制造业质检的 AI 方案", "consent": true}
				""".formatted(company, phone));
		assertThat(created.statusCode()).isEqualTo(201);

		this.browser.open("/console/leads", "console-leads");
		this.browser.waitFor(By.cssSelector("form.signin"));
		this.browser.screenshots("console-sign-in");
		this.browser.type("#token", "not-a-token");
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-leads");
		assertThat(this.browser.text("form.signin .form-error")).isNotEmpty();
		this.browser.type("#token", Platform.token("SALES"));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-leads");
		this.browser.waitFor(By.cssSelector("#leads tbody tr"));
		this.browser.screenshots("console-leads");

		this.browser.type("#filter-q", company);
		this.browser.click(".filters button[type=submit]");
		this.browser.waitForPage("console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr").size() == 1);
		WebElement row = this.browser.find("#leads tbody tr");
		assertThat(row.getText()).contains(company).contains("137****" + phone.substring(7)).contains("新线索");
		this.browser.click("#leads tbody tr a");
		this.browser.waitForPage("console-lead");
		assertThat(this.browser.find("#lead-status").getAttribute("data-status")).isEqualTo("NEW");
		assertThat(this.browser.findAll(".status-moves button")).extracting(WebElement::getText)
			.containsExactly("标记为已联系", "标记为流失");

		this.browser.click(".status-moves button[data-move='CONTACTED']");
		this.browser.waitFor(By.cssSelector("#lead-status[data-status='CONTACTED']"));
		assertThat(this.browser.text("#lead-notice")).contains("已联系");
		assertThat(this.browser.findAll(".status-moves button")).extracting(WebElement::getText)
			.containsExactly("标记为已确认需求", "标记为流失");

		this.browser.type("#note-text", "已电话沟通,客户下周安排现场演示。");
		this.browser.click("#note-form button[type=submit]");
		this.browser.waitUntil(driver -> this.browser.text("#notes").contains("已电话沟通,客户下周安排现场演示。"));
		assertThat(this.browser.text(".timeline")).contains("状态").contains("备注");
		this.browser.screenshots("console-lead");
	}

	@Test
	void salesReadsADiagnosisLeadsReportAndAssignsIt() throws Exception {
		String phone = "139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
		String company = "诊断线索公司" + phone.substring(3);
		String answers = Pattern.compile("\"key\":\"([a-z]+_[a-z_]+)\"")
			.matcher(Platform.get("/api/diagnosis/questionnaire").body())
			.results()
			.map(question -> "\"" + question.group(1) + "\": 4")
			.collect(java.util.stream.Collectors.joining(", "));
		HttpResponse<String> diagnosis = Platform.post("/api/diagnosis", """
				{"company": {"name": "%s", "industry": "finance", "size": "201-1000"}, "answers": {%s},
				 "contact": {"name": "王芳", "phone": "%s"}, "consent": true}
				""".formatted(company, answers, phone));
		assertThat(diagnosis.statusCode()).isEqualTo(201);

		this.browser.open(
				"/console/leads?q=" + java.net.URLEncoder.encode(company, java.nio.charset.StandardCharsets.UTF_8),
				"console-leads");
		this.browser.type("#token", Platform.token("SALES"));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr").size() == 1);
		assertThat(this.browser.text("#leads tbody tr")).contains("AI 诊断").contains("金融");
		this.browser.click("#leads tbody tr a");
		this.browser.waitForPage("console-lead");
		assertThat(this.browser.findAll("svg.radar .radar-label")).hasSize(6);
		assertThat(this.browser.findAll(".answers li")).hasSize(18)
			.allSatisfy(answer -> assertThat(answer.getText()).contains("(4 分)"));

		// The roster (local: leads-service's configured sales people) has the token's
		// subject, local-sales: "分配给我" picks it.
		this.browser.click(".assign-form .link-button");
		this.browser.click(".assign-form button[type=submit]");
		this.browser.waitUntil(driver -> this.browser.findAll("#lead-notice").size() == 1);
		assertThat(this.browser.text("#lead-notice")).isEqualTo("负责人已更新");
		assertThat(this.browser.find("#assignee").getAttribute("value")).isEqualTo("local-sales");
		this.browser.screenshots("console-lead-diagnosis");

		this.browser.choose("#assignee", "");
		this.browser.click(".assign-form button[type=submit]");
		this.browser.waitUntil(driver -> "已取消分配".equals(this.browser.text("#lead-notice")));
		assertThat(this.browser.find("#assignee").getAttribute("value")).isEmpty();
		assertThat(this.browser.text(".timeline")).contains("分配 local-sales").contains("分配 取消分配");
	}

	@Test
	void anEditorPublishesAnArticleAndReadersSeeItOnTheHomePage() throws Exception {
		String title = "端到端测试:大模型走进工厂质检 " + System.nanoTime() % 100_000;
		this.browser.open("/console/articles/new", "console-article");
		this.browser.type("#token", Platform.token("EDITOR"));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-article");
		this.browser.type("#article-title", title);
		this.browser.type("#article-summary", "一家制造企业用视觉大模型把质检漏检率降到千分之一。");
		this.browser.choose("#article-category", "flash");
		this.browser.type("#article-tags", "大模型,制造");
		this.browser.type("#article-body", "<p>视觉大模型正在进入工厂质检环节。</p><script>alert(1)</script>");
		this.browser.click("#preview-button");
		assertThat(this.browser.text("#preview h1")).isEqualTo(title);
		this.browser.screenshots("console-article-new");
		this.browser.click("#save");
		this.browser.waitFor(By.cssSelector("#editor-notice"));
		assertThat(this.browser.text("#article-status")).isEqualTo("草稿");
		assertThat(this.browser.find("#article-body").getAttribute("value")).doesNotContain("<script>");
		String id = idFrom(this.browser.driver.getCurrentUrl());

		// Someone else saves in between: saving here is refused and the editor is offered
		// the newer version.
		String editor = Platform.token("EDITOR");
		HttpResponse<String> current = Platform
			.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/admin/articles/" + id))
				.header("Authorization", "Bearer " + editor));
		HttpResponse<String> changed = Platform
			.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/admin/articles/" + id))
				.header("Authorization", "Bearer " + editor)
				.header("Content-Type", "application/json")
				.header("If-Match", current.headers().firstValue("ETag").orElseThrow())
				.PUT(HttpRequest.BodyPublishers.ofString("""
						{"title": "%s", "summary": "同事改过的摘要", "body": "<p>视觉大模型正在进入工厂质检环节。</p>", "category": "flash"}
						""".formatted(title))));
		assertThat(changed.statusCode()).isEqualTo(200);
		this.browser.type("#article-summary", "我改的摘要");
		this.browser.click("#save");
		assertThat(this.browser.text(".form-error")).contains("其他人修改");
		this.browser.click("#reload");
		this.browser.waitForPage("console-article");
		this.browser.waitUntil(driver -> "同事改过的摘要".equals(this.browser.find("#article-summary").getAttribute("value")));

		this.browser.click("#publish-now");
		this.browser.waitFor(By.cssSelector("#editor-notice"));
		assertThat(this.browser.text("#article-status")).isEqualTo("已发布");
		this.browser.screenshots("console-article-published");

		this.browser.open("/console/articles?status=PUBLISHED", "console-articles");
		this.browser.waitFor(By.cssSelector("#articles tbody tr"));
		assertThat(this.browser.text("#articles")).contains(title);
		this.browser.screenshots("console-articles");

		// The home page is cached for some seconds (the site's HTML, the gateway's edge
		// cache): the reader reloads until the new article is there.
		this.browser.open("/", "home");
		this.browser.waitUntil(driver -> {
			if (this.browser.findAll("#latest-flash .article-card h3")
				.stream()
				.anyMatch(heading -> heading.getText().equals(title))) {
				return true;
			}
			driver.navigate().refresh();
			return false;
		});
		this.browser.click("#latest-flash .article-card h3 a");
		this.browser.waitForPage("article");
		assertThat(this.browser.text(".article-page h1")).isEqualTo(title);
		assertThat(this.browser.text(".article-body")).contains("视觉大模型正在进入工厂质检环节。");
	}

	@Test
	void anEditorEditsTheAboutPageInTheConsoleAndTheSiteShowsIt() throws Exception {
		String marker = "端到端测试标记" + System.nanoTime() % 1_000_000;
		this.browser.open("/console/site", "console-site");
		this.browser.type("#token", Platform.token("EDITOR"));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-site");
		// The settings are the administrators': an editor sees them, read-only.
		this.browser.waitFor(By.cssSelector("#settings-readonly"));
		assertThat(this.browser.findAll("#settings-save")).isEmpty();
		assertThat(this.browser.find("#settings-name").isEnabled()).isFalse();

		this.browser.click("#site-pages tr[data-slug='about'] .edit-page");
		this.browser.waitFor(By.cssSelector("#page-editor[data-slug='about'] #page-body"));
		long version = Long.parseLong(this.browser.find("#page-editor").getAttribute("data-version"));
		// Earlier runs' markers go, so the page does not grow run after run.
		String body = this.browser.find("#page-body").getAttribute("value").replaceAll("<p>端到端测试标记\\d+</p>", "");
		this.browser.type("#page-body", body + "<p>" + marker + "</p><script>document.title = 'hacked'</script>");
		this.browser.click("#page-save");
		this.browser.waitUntil(driver -> this.browser.text("#page-notice").contains("已保存"));
		assertThat(this.browser.find("#page-editor").getAttribute("data-version"))
			.isEqualTo(String.valueOf(version + 1));
		assertThat(this.browser.text("#site-pages tr[data-slug='about'] .version"))
			.isEqualTo(String.valueOf(version + 1));
		assertThat(this.browser.find("#page-body").getAttribute("value")).contains(marker).doesNotContain("<script");
		assertThat(this.browser.text("#page-preview")).contains(marker);
		this.browser.screenshots("console-site");

		// The site and the gateway keep pages for a few seconds: the change shows after
		// them.
		this.browser.driver.get(Platform.GATEWAY + "/about");
		new WebDriverWait(this.browser.driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofSeconds(2))
			.ignoring(StaleElementReferenceException.class)
			.until(driver -> {
				List<WebElement> main = driver.findElements(By.cssSelector("main"));
				if (!main.isEmpty() && main.get(0).getText().contains(marker)) {
					return true;
				}
				driver.navigate().refresh();
				return false;
			});
		assertThat(this.browser.findAll("main script")).isEmpty();
		assertThat(this.browser.driver.getTitle()).isNotEqualTo("hacked");
	}

	private static String idFrom(String url) {
		Matcher matcher = Pattern.compile("/console/articles/([^/?#]+)").matcher(url);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}
