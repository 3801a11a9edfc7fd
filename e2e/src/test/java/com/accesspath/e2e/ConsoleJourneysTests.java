package com.accesspath.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
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

		// Assigned on arrival to someone of the roster (local: leads-service's sales
		// people); un-assigned, then "分配给我" picks the token's subject, local-sales.
		this.browser.choose("#assignee", "");
		this.browser.click(".assign-form button[type=submit]");
		this.browser.waitUntil(driver -> this.browser.findAll("#lead-notice").size() == 1);
		assertThat(this.browser.text("#lead-notice")).isEqualTo("已取消分配");
		assertThat(this.browser.find("#assignee").getAttribute("value")).isEmpty();

		this.browser.click(".assign-form .link-button");
		this.browser.click(".assign-form button[type=submit]");
		this.browser.waitUntil(driver -> "负责人已更新".equals(this.browser.text("#lead-notice")));
		assertThat(this.browser.find("#assignee").getAttribute("value")).isEqualTo("local-sales");
		assertThat(this.browser.text(".timeline")).contains("取消分配").contains("分配给 本地销售");
		this.browser.screenshots("console-lead-diagnosis");
	}

	@Test
	void salesWorksALeadFromTheTabsRevealsItsPhoneAndReadsTheFunnel() throws Exception {
		// A contact from a campaign, assigned on arrival to someone of the roster; the
		// journeys' platform makes first contact due within 20 s.
		String phone = "138" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
		String company = "漏斗测试公司" + phone.substring(3);
		HttpResponse<String> created = Platform.post("/api/contact", """
				{"name": "赵敏", "company": "%s", "phone": "%s", "message": "想了解 AI 客服", "consent": true,
				 "source": {"page": "/articles/ai-service", "cta": "article-end-contact",
				            "utm": {"source": "e2e-funnel", "campaign": "漏斗"}}}
				""".formatted(company, phone));
		assertThat(created.statusCode()).isEqualTo(201);
		String query = "q=" + URLEncoder.encode(company, StandardCharsets.UTF_8);
		String sales = Platform.token("SALES");
		String list = Platform
			.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/admin/leads?" + query))
				.header("Authorization", "Bearer " + sales))
			.body();
		Matcher assigned = Pattern.compile("\"assignee\":\"([^\"]+)\"").matcher(list);
		assertThat(assigned.find()).as("assigned on arrival: %s", list).isTrue();

		// The assignee signs in: the lead is in 我的, with its source; the phone is shown
		// on request.
		this.browser.open("/console/leads?view=mine&" + query, "console-leads");
		this.browser.type("#token", Platform.token("SALES", assigned.group(1)));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr").size() == 1);
		assertThat(this.browser.find(".tabs a[data-view='mine']").getAttribute("aria-current")).isEqualTo("page");
		assertThat(this.browser.text(".tabs a[data-view='mine'] .tab-count")).matches("\\d+");
		assertThat(this.browser.text("#leads tbody tr")).contains(company)
			.contains("e2e-funnel")
			.contains("article-end-contact")
			.contains("138****" + phone.substring(7));
		this.browser.click("#leads tbody tr .reveal");
		this.browser.waitFor(By.cssSelector("#leads tbody tr a[href='tel:" + phone + "']"));

		// Not called within 20 s: 已逾期, in the overdue tab and marked in the row.
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> Platform
				.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/admin/leads?overdue=true&" + query))
					.header("Authorization", "Bearer " + sales))
				.body()
				.contains("\"overdue\":true"));
		this.browser.click(".tabs a[data-view='overdue']");
		this.browser.waitForPage("console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr.overdue").size() == 1);
		assertThat(this.browser.text("#leads tbody tr .overdue-badge")).startsWith("已逾期");
		this.browser.screenshots("console-leads-overdue");

		// The lead: its source, the score's reasons adding up to it, the phone revealed
		// in the history; called, with the next follow-up set with the move.
		this.browser.click("#leads tbody tr a");
		this.browser.waitForPage("console-lead");
		assertThat(this.browser.text("#lead-source")).contains("e2e-funnel").contains("article-end-contact");
		int score = Integer.parseInt(this.browser.text("#lead-score .panel-title").replaceAll("\\D", ""));
		assertThat(this.browser.text("#lead-score tfoot td")).isEqualTo(String.valueOf(score));
		assertThat(this.browser.text(".timeline")).contains("查看联系方式");
		((org.openqa.selenium.JavascriptExecutor) this.browser.driver)
			.executeScript("document.getElementById('next-follow-up').value = '2031-06-02T10:30'");
		this.browser.click(".status-moves button[data-move='CONTACTED']");
		this.browser.waitFor(By.cssSelector("#lead-status[data-status='CONTACTED']"));
		assertThat(this.browser.text("#lead-notice")).contains("已联系").contains("跟进时间已保存");
		assertThat(this.browser.find("#next-follow-up").getAttribute("value")).isEqualTo("2031-06-02T10:30");
		assertThat(this.browser.text(".facts.clock")).contains("2031-06-02 10:30");
		this.browser.screenshots("console-lead-source");

		// The funnel: the charts, each with its numbers in a table.
		this.browser.click(".breadcrumb a");
		this.browser.waitForPage("console-leads");
		this.browser.click(".console-actions a[href='/console/leads/stats']");
		this.browser.waitForPage("console-leads-stats");
		this.browser.waitFor(By.cssSelector("#chart-weekly svg"));
		assertThat(this.browser.findAll("figure.stat-figure figcaption")).hasSize(4);
		this.browser.click("#figure-win-rate summary");
		assertThat(this.browser.text("#figure-win-rate table")).contains("e2e-funnel");
		assertThat(this.browser.text("#median-first-contact")).isNotBlank();
		this.browser.screenshots("console-leads-stats");
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
		// The body's HTML, in the rich-text editor's source view.
		this.browser.click("#article-body-source");
		this.browser.type("#article-body", "<p>视觉大模型正在进入工厂质检环节。</p><script>alert(1)</script>");
		// The preview is the site's page, in a frame that runs nothing.
		this.browser.click("#preview-button");
		this.browser.driver.switchTo().frame(this.browser.waitFor(By.cssSelector("#preview iframe")));
		assertThat(this.browser.text(".article-page h1")).isEqualTo(title);
		assertThat(this.browser.text(".article-body")).contains("视觉大模型正在进入工厂质检环节。");
		this.browser.driver.switchTo().defaultContent();
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
		// The body's HTML, in the rich-text editor's source view.
		this.browser.click("#page-editor[data-slug='about'] #page-body-source");
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

	@Test
	void anEditorSendsTheWeeklyDigestWatchesItGoAndReadsItsClicks() throws Exception {
		// A confirmed weekly subscriber: the digest has someone to mail.
		String email = "digest-" + System.nanoTime() + "@example.com";
		assertThat(Platform.post("/api/subscriptions", """
				{"email": "%s", "frequency": "weekly", "consent": true}
				""".formatted(email)).statusCode()).isEqualTo(202);
		String confirmation = Platform.confirmationLinkFor(email);
		HttpResponse<String> confirmed = Platform.post(
				"/api/subscriptions/confirm?token=" + confirmation.substring(confirmation.indexOf("token=") + 6), "{}");
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

		this.browser.open("/console/newsletter", "console-newsletter");
		this.browser.type("#token", Platform.token("EDITOR"));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-newsletter");
		assertThat(this.browser.text("#stat-confirmed")).matches("[1-9][\\d,.万]*");
		assertThat(this.browser.find(".console-bar nav a.current").getText()).isEqualTo("邮件订阅");

		// Sending asks first, naming the period; 取消 sends nothing.
		this.browser.click("#digest-frequency-weekly");
		this.browser.click("#digest-start");
		assertThat(this.browser.text("dialog.confirm-dialog h2")).matches("发送每周精选\\(\\d{4} 年第 \\d+ 周\\)\\?");
		this.browser.click("#digest-cancel");
		assertThat(this.browser.findAll("dialog.confirm-dialog")).isEmpty();
		assertThat(this.browser.findAll("#digest-started"))
			.allSatisfy(notice -> assertThat(notice.isDisplayed()).isFalse());
		this.browser.click("#digest-start");
		this.browser.screenshots("console-newsletter-confirm");
		this.browser.click("#digest-confirm");
		assertThat(this.browser.text("#digest-started")).contains("每周精选");
		String row = "#digests tbody tr[data-id^='weekly-']";
		this.browser.waitFor(By.cssSelector(row + " progress"));
		// Read again while it sends: it ends 已完成 at 100% without a reload.
		this.browser.waitUntil(driver -> "DONE".equals(this.browser.find(row).getAttribute("data-status")));
		assertThat(this.browser.text(row + " .progress-words")).startsWith("100%");
		assertThat(this.browser.text(row + " .status")).isEqualTo("已完成");
		this.browser.screenshots("console-newsletter");

		// A reader follows a link of the digest: counted for the link, with nobody named.
		String tracked = Platform.linkInMailTo(email,
				Pattern.compile("(http://\\S+/api/subscriptions/links\\?run=weekly-\\S+)"));
		HttpResponse<String> followed = Platform.send(HttpRequest.newBuilder(URI.create(tracked)));
		assertThat(followed.statusCode()).isEqualTo(302);
		String target = java.net.URLDecoder.decode(tracked.replaceAll(".*[?&]url=([^&]+).*", "$1"),
				StandardCharsets.UTF_8);
		this.browser.click(row + " th a");
		this.browser.waitForPage("console-newsletter-digest");
		this.browser.waitUntil(driver -> !this.browser.findAll("#digest-links tbody tr").isEmpty());
		assertThat(this.browser.text("#digest-links tbody")).contains(URI.create(target).getPath());
		assertThat(Long.parseLong(this.browser.text("#digest-clicks").replace(",", ""))).isPositive();
		assertThat(this.browser.text("#digest-privacy")).contains("不记录是谁点击的");
		assertThat(this.browser.find("#digest-progress").getAttribute("value"))
			.isEqualTo(this.browser.find("#digest-progress").getAttribute("max"));
		this.browser.screenshots("console-newsletter-digest");
	}

	private static String idFrom(String url) {
		Matcher matcher = Pattern.compile("/console/articles/([^/?#]+)").matcher(url);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}
