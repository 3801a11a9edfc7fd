package com.accesspath.article.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * @param cache the in-process cache of published articles (hot reads never touch MongoDB)
 * @param seed the demo content loaded by the {@code local} profile
 * @param publicMaxAge {@code Cache-Control: max-age} of public article reads (and of the
 * site's settings and pages)
 */
@ConfigurationProperties("accesspath.article")
@Validated
public record ArticleProperties(@DefaultValue @Valid Cache cache, @DefaultValue @Valid Seed seed,
		@DefaultValue("30s") @NotNull Duration publicMaxAge) {

	/**
	 * @param maximumSize articles kept in memory
	 * @param timeToLive how long another replica's edit can stay unseen here (see README,
	 * "Several replicas")
	 */
	public record Cache(@DefaultValue("10000") @Positive long maximumSize,
			@DefaultValue("30s") @NotNull Duration timeToLive) {
	}

	/**
	 * @param recent move the demo articles' dates, keeping their order and spacing, so
	 * the newest was published an hour before the first load: a local site reads like
	 * today's news ("1小时前") rather than March's
	 * @param siteLocation the site's demo settings and pages (洞察, 服务, 关于, …), added only
	 * where none exist
	 */
	public record Seed(@DefaultValue("false") boolean enabled,
			@DefaultValue("classpath:seed/demo-content.json") @NotNull Resource location,
			@DefaultValue("true") boolean recent,
			@DefaultValue("classpath:seed/site-content.json") @NotNull Resource siteLocation) {
	}

}
