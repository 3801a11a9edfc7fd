package com.accesspath.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers and prospects on the public site. */
class SiteJourneysTests extends Journeys {

	private static final Pattern JSON_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

	@Test
	void aReaderReadsAnArticleAndItsViewCountRisesOnce() throws Exception {
		this.browser.open("/", "home");
		assertThat(this.browser.findAll(".hot-list li")).as("the 24小时热榜 shows the seeded views").isNotEmpty();
		assertThat(this.browser.text(".hot-list li .views")).matches("[\\d,.万]+ 阅读");
		// The home page may come from the gateway's 5-second edge cache, so the counter
		// is checked for its form.
		assertThat(this.browser.text(".cta-diagnosis .cta-counter")).matches("已有 [\\d,]+ 企业完成诊断|免费 · 成为第一家完成诊断的企业");
		this.browser.screenshots("home");

		WebElement link = this.browser.find("#latest-policy .article-card h3 a");
		String title = link.getText();
		// The total before this visit, from the API (the page itself may come from a
		// 5-second cache).
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
		WebElement views = this.browser.waitFor(By.cssSelector("#article-views[data-counted]"));
		assertThat(views.getAttribute("data-counted")).isEqualTo("true");
		assertThat(Long.parseLong(views.getAttribute("data-views"))).isEqualTo(before + 1);
		assertThat(views.getText()).endsWith("阅读");
		assertThat(this.browser.text(".article-meta")).contains("分钟阅读");
		assertThat(this.browser.findAll(".secondary .hot-list li")).isNotEmpty();
		this.browser.screenshots("article");

		// The same visitor again within half an hour (the page itself may come from a
		// 5-second cache): not counted,
		// and the page shows the total the API answered.
		this.browser.driver.navigate().refresh();
		this.browser.waitForPage("article");
		WebElement again = this.browser.waitFor(By.cssSelector("#article-views[data-counted]"));
		assertThat(again.getAttribute("data-counted")).isEqualTo("false");
		assertThat(Long.parseLong(again.getAttribute("data-views"))).isEqualTo(before + 1);
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
		assertThat(this.browser.text(".report-head h1")).matches("L\\d · .+");
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
		this.browser.type(".newsletter input[name=email]", email);
		this.browser.click(".newsletter input[name=consent]");
		this.browser.click(".newsletter button[type=submit]");
		this.browser.waitForPage("subscribe");
		assertThat(this.browser.text("#check-inbox")).contains("请查收确认邮件").contains(email);
		this.browser.screenshots("subscribe-check-inbox");

		String link = confirmationLinkFor(email);
		assertThat(link).startsWith(Platform.GATEWAY + "/subscriptions/confirm?token=");
		this.browser.open(link, "subscription-confirm");
		assertThat(this.browser.text("#subscription-confirmed")).contains("订阅成功");
		this.browser.screenshots("subscription-confirmed");

		// The link works once.
		this.browser.open(link, "subscription-confirm");
		assertThat(this.browser.text(".notice-page h1")).isEqualTo("链接已失效");
	}

	@Test
	void theLegalPagesAndAnUnknownPageRead() throws Exception {
		this.browser.open("/privacy", "legal");
		assertThat(this.browser.text(".legal h1")).isEqualTo("隐私政策");
		this.browser.screenshots("privacy");
		this.browser.open("/terms", "legal");
		assertThat(this.browser.text(".legal h1")).isEqualTo("服务条款");
		this.browser.open("/articles/no-such-article", "article");
		assertThat(this.browser.text(".empty-state h1")).isEqualTo("页面加载失败");
		assertThat(this.browser.text(".empty-state p")).isEqualTo("内容不存在或已下线。");
	}

	/**
	 * Mail leaves asynchronously: the confirmation for this address, as
	 * {@code ./platform mail} shows it.
	 */
	private static String confirmationLinkFor(String email) throws InterruptedException {
		Pattern link = Pattern.compile("(http://\\S+/subscriptions/confirm\\?token=[A-Za-z0-9_-]+)");
		for (int attempt = 0; attempt < 50; attempt++) {
			String mails = Platform.mail(20);
			for (String mail : mails.split("\n== ")) {
				if (mail.contains("to " + email)) {
					Matcher matcher = link.matcher(mail);
					if (matcher.find()) {
						return matcher.group(1);
					}
				}
			}
			Thread.sleep(200);
		}
		throw new AssertionError("no confirmation mail to " + email);
	}

}
