package com.accesspath.site.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The site's settings ({@code accesspath.site.*}); where the services are and how they
 * are called are {@code spring.http.serviceclient.<service>.*} and
 * {@code resilience4j.*.instances.<service>.*}.
 *
 * @param url the public address of the site ({@code SITE_URL}): every absolute link
 * (sitemaps, feeds, robots.txt) starts with it
 * @param cache the short-lived caches of what every page needs
 * @param crawl sitemaps and feeds
 * @param guideResource the article whose file the {@code /guide} page (免费获取 AI 落地指南)
 * offers: its slug, as leads-service's {@code POST /api/downloads} takes it
 */
@ConfigurationProperties("accesspath.site")
@Validated
public record SiteProperties(@DefaultValue("http://localhost:8080") @NotNull URI url, @DefaultValue @Valid Cache cache,
		@DefaultValue @Valid Crawl crawl,
		@DefaultValue("ai-landing-guide") @NotNull @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*") String guideResource) {

	/** An absolute http(s) URL with a host and nothing after the path. */
	@AssertTrue(
			message = "must be an absolute http or https URL without query or fragment, e.g. https://www.example.cn")
	public boolean isUrlValid() {
		return this.url != null && ("http".equals(this.url.getScheme()) || "https".equals(this.url.getScheme()))
				&& this.url.getHost() != null && this.url.getRawQuery() == null && this.url.getRawFragment() == null;
	}

	/**
	 * The absolute URL of a path of the site ({@code path} starts with a slash and is
	 * already encoded).
	 */
	public String absolute(String path) {
		String base = this.url.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/**
	 * @param timeToLive how long a part every page needs (hot list, hot tags, diagnosis
	 * counter, a section's newest articles, an article) is reused
	 * @param taxonomyTimeToLive how long the taxonomy is reused (the last one read is
	 * kept while article-service is down)
	 * @param articlesSize how many articles (with their related lists and view counts)
	 * are kept
	 * @param listsSize how many lists (sections, hot lists, tags) are kept
	 * @param pagesMaxSize how many bytes of rendered pages (the home and article pages,
	 * kept as long as their parts) are kept
	 */
	public record Cache(@DefaultValue("5s") @NotNull @DurationMin(millis = 0) Duration timeToLive,
			@DefaultValue("1m") @NotNull @DurationMin(millis = 0) Duration taxonomyTimeToLive,
			@DefaultValue("2000") @Positive long articlesSize, @DefaultValue("500") @Positive long listsSize,
			@DefaultValue("16MB") @NotNull DataSize pagesMaxSize) {

	}

	/**
	 * @param timeToLive how long a rendered sitemap or feed is answered from memory, and
	 * its {@code Cache-Control} max-age
	 * @param urlsPerFile the most URLs one sitemap file lists (sitemaps.org: at most
	 * 50,000)
	 * @param feedItems how many of the newest articles a feed carries
	 */
	public record Crawl(@DefaultValue("5m") @NotNull @DurationMin(millis = 0) Duration timeToLive,
			@DefaultValue("50000") @Positive @Max(50000) int urlsPerFile,
			@DefaultValue("20") @Positive @Max(50) int feedItems) {

	}

}
