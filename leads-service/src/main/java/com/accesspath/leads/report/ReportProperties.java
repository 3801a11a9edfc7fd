package com.accesspath.leads.report;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The report as a deliverable ({@code accesspath.leads.report.*}): its articles, its PDF,
 * and the consultations booked from it.
 *
 * @param siteUrl the public site, for the links a PDF carries (never taken from a
 * request)
 * @param resources the articles recommended in a report
 * @param pdf rendering the PDF
 * @param consultation 预约顾问解读
 */
@Validated
@ConfigurationProperties("accesspath.leads.report")
public record ReportProperties(@DefaultValue("http://localhost:8080") @NotNull URI siteUrl,
		@DefaultValue @NotNull @Valid Resources resources, @DefaultValue @NotNull @Valid Pdf pdf,
		@DefaultValue @NotNull @Valid Consultation consultation) {

	/**
	 * Which articles a report recommends. The taxonomy's keys are article-service's
	 * alone: the groups are named here as its {@code GET /api/categories} names them, and
	 * their keys are read from it. An industry whose key is also a leaf of the cases
	 * group gets that leaf's cases, any other industry the whole group's.
	 *
	 * @param casesGroup the name of the taxonomy group of cases (精选案例)
	 * @param reportsGroup the name of the taxonomy group of reports and white papers
	 * (行业报告)
	 * @param cases how many cases a report shows
	 * @param reports how many reports a report shows
	 * @param ttl how long a list of articles is reused for other reports
	 * @param taxonomyTtl how long the taxonomy is reused
	 */
	public record Resources(@DefaultValue("精选案例") @NotBlank String casesGroup,
			@DefaultValue("行业报告") @NotBlank String reportsGroup, @DefaultValue("2") @PositiveOrZero @Max(10) int cases,
			@DefaultValue("3") @PositiveOrZero @Max(10) int reports,
			@DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration ttl,
			@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration taxonomyTtl) {
	}

	/**
	 * @param maxConcurrent PDFs rendered at once (each holds its own copy of the fonts
	 * while it renders); more wait up to {@code queueWait}, then get a 503
	 * @param queueWait how long a request waits for a rendering slot
	 * @param retryAfter the {@code Retry-After} of that 503
	 */
	public record Pdf(@DefaultValue("2") @Positive @Max(8) int maxConcurrent,
			@DefaultValue("1s") @NotNull Duration queueWait,
			@DefaultValue("2s") @NotNull @DurationMin(seconds = 1) Duration retryAfter) {
	}

	/**
	 * @param maxPerLead consultations one lead may hold; more are a 409 (a form sent in a
	 * loop fills no document and no WeCom group)
	 */
	public record Consultation(@DefaultValue("20") @Positive int maxPerLead) {
	}

}
