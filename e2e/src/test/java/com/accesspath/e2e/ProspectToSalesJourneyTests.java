package com.accesspath.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.json.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18's whole path, from a campaign's reader to the salesperson who calls them: an
 * article, its diagnosis CTA, the report with its PDF and 预约顾问解读; then the lead in its
 * assignee's console, with where it came from, overdue after the first-contact SLA, and
 * moved on.
 */
class ProspectToSalesJourneyTests extends Journeys {

	private static final String CTA = "article-end-diagnosis";

	@Test
	void aProspectFromAnArticleBooksAConsultationAndTheirSalespersonWorksTheOverdueLead() throws Exception {
		// Leads are one per person, so a new phone number; the campaign names this run's
		// lead among the others.
		String unique = String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
		String phone = "152" + unique;
		String company = "旅程测试科技" + unique;
		String campaign = "e2e-" + unique;
		String slug = newestArticleSlug();

		// A reader arrives from a WeChat campaign on an article and takes its diagnosis
		// CTA.
		this.browser.open("/articles/" + slug + "?utm_source=wechat&utm_medium=social&utm_campaign=" + campaign,
				"article");
		// Where the CTA was clicked, as the browser has the address (a slug may be
		// percent-encoded).
		String articlePath = URI.create(this.browser.driver.getCurrentUrl()).getRawPath();
		this.browser.click(".cta-article a[data-cta='" + CTA + "']");
		this.browser.waitForPage("diagnosis");
		assertThat(this.browser.driver.getCurrentUrl()).endsWith("/diagnosis?cta=" + CTA);

		this.browser.type("#company-name", company);
		this.browser.choose("#company-industry", "finance");
		this.browser.choose("#company-size", "201-1000");
		this.browser.click(".wizard-actions .button-accent");
		this.browser.waitFor(By.cssSelector(".wizard-step[data-step='1']"));
		for (WebElement question : this.browser.findAll(".question")) {
			question.findElements(By.cssSelector(".option")).get(2).click();
		}
		assertThat(this.browser.text(".answered")).isEqualTo("已回答 18 / 18");
		this.browser.click(".wizard-actions .button-accent");
		this.browser.waitFor(By.cssSelector(".wizard-step[data-step='2']"));
		this.browser.type("#contact-name", "周婷");
		this.browser.type("#contact-phone", phone);
		this.browser.click("[data-field='consent'] input[type=checkbox]");
		this.browser.click(".wizard-actions .button-accent");

		// The report: whose it is, its number, the roadmap; its PDF.
		this.browser.waitForPage("report");
		assertThat(this.browser.text(".report-company")).isEqualTo(company);
		String reportNumber = this.browser.text(".report-meta dd.mono");
		assertThat(reportNumber).matches("AP-\\d{4}-\\d{6}");
		assertThat(this.browser.findAll(".report-roadmap .roadmap-step h3")).extracting(WebElement::getText)
			.containsExactly("30 天 · 启动", "90 天 · 落地", "180 天 · 见效");
		assertThat(this.browser.findAll(".report-roadmap .roadmap-step li")).isNotEmpty();
		WebElement pdfLink = this.browser.find(".report-cta a[download]");
		assertThat(pdfLink.getText()).isEqualTo("下载 PDF");
		HttpResponse<byte[]> pdf = Platform.download(pdfLink.getDomProperty("href"));
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
		assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).contains(reportNumber);
		assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

		// 预约顾问解读, the report's primary action.
		this.browser.click(".report-cta a[href='#consultation']");
		String preferredTime = "下周二上午 " + unique.substring(4);
		this.browser.type("#consultation-time", preferredTime);
		this.browser.type("#consultation-note", "想重点了解风控场景的落地路径");
		this.browser.click(".consultation-form button[type=submit]");
		assertThat(this.browser.text(".report-consultation .consultation-done")).startsWith("已收到您的预约");
		this.browser.screenshots("journey-report-consultation-booked");

		// Assigned on arrival: the salesperson it went to signs in and finds it in 我的,
		// with its source.
		String admin = Platform.token("ADMIN");
		String query = "q=" + URLEncoder.encode(company, StandardCharsets.UTF_8);
		List<Map<String, Object>> found = leads(admin, query);
		assertThat(found).hasSize(1);
		Map<String, Object> lead = found.get(0);
		assertThat(lead).containsEntry("type", "DIAGNOSIS");
		String assignee = (String) lead.get("assignee");
		assertThat(assignee).as("assigned on arrival").isIn("local-sales", "li.na", "wang.qiang");

		this.browser.open("/console/leads?view=mine&" + query, "console-leads");
		this.browser.type("#token", Platform.token("SALES", assignee));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr").size() == 1);
		assertThat(this.browser.find(".tabs a[data-view='mine']").getAttribute("aria-current")).isEqualTo("page");
		assertThat(this.browser.text("#leads tbody tr")).contains(company)
			.contains("AI 诊断")
			.contains("wechat")
			.contains(CTA)
			.contains("152****" + phone.substring(7));

		// The lead: the campaign and the CTA that brought it, the consultation and its
		// time, the booking in the history.
		this.browser.click("#leads tbody tr a");
		this.browser.waitForPage("console-lead");
		assertThat(this.browser.text("#lead-source")).contains("wechat")
			.contains("social")
			.contains(campaign)
			.contains(CTA)
			.contains(articlePath);
		assertThat(this.browser.text("#lead-consultations")).contains("希望时间:" + preferredTime)
			.contains("想重点了解风控场景的落地路径");
		assertThat(this.browser.text(".timeline")).contains("预约顾问解读");
		this.browser.screenshots("journey-sales-lead");

		// Nobody calls within the 20 s SLA: the lead is in 已逾期, marked.
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> leads(admin, "overdue=true&" + query).size() == 1);
		this.browser.open("/console/leads?view=overdue&" + query, "console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr.overdue").size() == 1);
		assertThat(this.browser.find(".tabs a[data-view='overdue']").getAttribute("aria-current")).isEqualTo("page");
		assertThat(this.browser.text("#leads tbody tr")).contains(company);
		assertThat(this.browser.text("#leads tbody tr .overdue-badge")).startsWith("已逾期");
		this.browser.screenshots("journey-sales-overdue");

		// Called: 已联系, with the next follow-up tomorrow morning (Beijing time).
		this.browser.click("#leads tbody tr a");
		this.browser.waitForPage("console-lead");
		assertThat(this.browser.text("#lead-overdue")).startsWith("已逾期");
		LocalDateTime tomorrow = LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
			.plusDays(1)
			.withHour(10)
			.withMinute(30)
			.truncatedTo(ChronoUnit.MINUTES);
		String followUp = tomorrow.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
		((JavascriptExecutor) this.browser.driver)
			.executeScript("document.getElementById('next-follow-up').value = arguments[0]", followUp);
		this.browser.click(".status-moves button[data-move='CONTACTED']");
		this.browser.waitFor(By.cssSelector("#lead-status[data-status='CONTACTED']"));
		assertThat(this.browser.text("#lead-notice")).contains("已联系").contains("跟进时间已保存");
		assertThat(this.browser.findAll("#lead-overdue")).isEmpty();
		assertThat(this.browser.findAll(".console-head .overdue-badge")).isEmpty();
		assertThat(this.browser.text(".facts.clock")).contains(followUp.replace('T', ' '));
		this.browser.screenshots("journey-sales-lead-contacted");

		// It has left 已逾期, and is still theirs.
		assertThat(leads(admin, "overdue=true&" + query)).isEmpty();
		this.browser.open("/console/leads?view=overdue&" + query, "console-leads");
		this.browser.waitUntil(driver -> "没有符合条件的线索。".equals(this.browser.text(".table-wrap + [role=status]")));
		assertThat(this.browser.findAll("#leads tbody tr")).isEmpty();
		this.browser.open("/console/leads?view=mine&" + query, "console-leads");
		this.browser.waitUntil(driver -> this.browser.findAll("#leads tbody tr").size() == 1);
		assertThat(this.browser.findAll("#leads tbody tr.overdue")).isEmpty();
		assertThat(this.browser.text("#leads tbody tr .status")).isEqualTo("已联系");
	}

	/** The newest published article, as a campaign would link to one. */
	private static String newestArticleSlug() throws Exception {
		Map<String, Object> page = new Json().toType(Platform.get("/api/articles?limit=1").body(), Json.MAP_TYPE);
		return (String) ((Map<?, ?>) ((List<?>) page.get("items")).get(0)).get("slug");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> leads(String token, String query) throws Exception {
		HttpResponse<String> response = Platform
			.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/admin/leads?" + query))
				.header("Authorization", "Bearer " + token));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> page = new Json().toType(response.body(), Json.MAP_TYPE);
		return (List<Map<String, Object>>) page.get("items");
	}

}
