package com.accesspath.leads.lead;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What brought a person to a form (API.md, "Leads: sources"): the page, the CTA clicked,
 * the referrer, the UTM parameters kept from the landing URL and the WeChat scene. Sent
 * by the site with every diagnosis, contact and download; kept with the submission, and
 * the first one with the lead (its attribution).
 */
@Schema(description = "线索来源:所在页面、点击的 CTA、来源页、落地 URL 的 UTM 参数和微信场景;各字段最长 500 字符")
public record LeadSource(
		@Schema(description = "提交表单的页面路径", example = "/articles/ai-quality-inspection") @Size(max = 500) String page,
		@Schema(description = "点击的 CTA", example = "article-inline-diagnosis") @Size(max = 500) String cta,
		@Schema(description = "来源页(document.referrer)",
				example = "https://www.baidu.com/") @Size(max = 500) String referrer,
		@Valid Utm utm, @Schema(description = "微信场景值或二维码场景", example = "1074") @Size(max = 500) String wechatScene) {

	@Schema(description = "落地 URL 上的 UTM 参数")
	public record Utm(@Schema(description = "utm_source", example = "wechat") @Size(max = 500) String source,
			@Schema(description = "utm_medium", example = "social") @Size(max = 500) String medium,
			@Schema(description = "utm_campaign", example = "2026-manufacturing") @Size(max = 500) String campaign,
			@Schema(description = "utm_term", example = "AI 质检") @Size(max = 500) String term,
			@Schema(description = "utm_content", example = "banner-a") @Size(max = 500) String content) {
	}

	/** The word sales filters on: the campaign's source, else the CTA. */
	public String label() {
		if (this.utm != null && this.utm.source() != null && !this.utm.source().isBlank()) {
			return this.utm.source();
		}
		return (this.cta == null || this.cta.isBlank()) ? null : this.cta;
	}

}
