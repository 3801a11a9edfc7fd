package com.accesspath.article.baidu;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Baidu's 普通收录 API (搜索资源平台, "API提交"): every article that becomes public is pushed once so
 * Baidu crawls it sooner.
 *
 * @param enabled off by default: without it nothing is recorded or sent
 * @param endpoint the push URL ({@code http://data.zz.baidu.com/urls})
 * @param site the site as registered with Baidu (e.g. {@code https://www.accesspath.cn})
 * @param token the push token of that site (a secret: from the environment only)
 * @param siteUrl the site's public address ({@code SITE_URL}): pushed URLs are
 * {@code {siteUrl}/articles/{slug}}
 * @param interval how often a replica looks for URLs to push
 * @param batchSize URLs per request at most (Baidu takes up to 2000)
 * @param maxAttempts sending attempts per URL (each with the {@code baidu-push} retry's
 * quick retries) before it is FAILED
 * @param backoff the wait after a failed attempt, doubled after each further one
 * @param claimFor how long a claimed URL stays with the replica sending it (longer than
 * one request with its retries)
 */
@Validated
@ConfigurationProperties("accesspath.baidu-push")
public record BaiduPushProperties(@DefaultValue("false") boolean enabled,
		@NotBlank @DefaultValue("http://data.zz.baidu.com/urls") String endpoint, String site, String token,
		@NotBlank @Pattern(regexp = "https?://[^/?#@\\s]+(/[^?#\\s]*)?",
				message = "must be an absolute http(s) URL without query or fragment") @DefaultValue("http://localhost:8080") String siteUrl,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration interval,
		@Positive @Max(2000) @DefaultValue("100") int batchSize, @Positive @DefaultValue("5") int maxAttempts,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration backoff,
		@NotNull @DurationMin(seconds = 5) @DefaultValue("2m") Duration claimFor) {

	@AssertTrue(message = "site and token are required when the Baidu push is enabled")
	public boolean isConfiguredWhenEnabled() {
		return !this.enabled
				|| (this.site != null && !this.site.isBlank() && this.token != null && !this.token.isBlank());
	}

	/** The public address of an article. */
	public String articleUrl(String slug) {
		String base = this.siteUrl.endsWith("/") ? this.siteUrl.substring(0, this.siteUrl.length() - 1) : this.siteUrl;
		return base + "/articles/" + slug;
	}

}
