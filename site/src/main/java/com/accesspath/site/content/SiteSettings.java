package com.accesspath.site.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.accesspath.site.backend.ArticleServiceClient;
import com.accesspath.site.backend.ArticleServiceClient.Site;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;

/**
 * The site settings ({@code GET /api/site}: brand, legal footer, WeChat account,
 * contact), reused like the page parts. Every page's frame needs them, so they never
 * fail: while article-service cannot be asked the last settings read are used, and before
 * any was read the built-in {@link #DEFAULTS}.
 */
@Component
public class SiteSettings {

	/** What the frame shows before article-service was ever read. */
	public static final Site DEFAULTS = new Site("AccessPath", "AccessPath", null, null,
			new Site.Wechat("AccessPath", null), new Site.Contact(null, null, null));

	private static final String SETTINGS = "settings";

	private final ArticleServiceClient client;

	private final ServiceCalls calls;

	private final Cache<String, Site> fresh;

	private volatile Site lastRead = DEFAULTS;

	SiteSettings(ArticleServiceClient client, ServiceCalls calls, SiteProperties properties) {
		this.client = client;
		this.calls = calls;
		this.fresh = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(properties.cache().timeToLive()).build();
	}

	/** The current settings, the last known ones, or the defaults; never null. */
	public Site current() {
		try {
			return this.fresh.get(SETTINGS, key -> {
				Site read = withDefaults(this.calls.call(Backend.ARTICLE, this.client::site));
				this.lastRead = read;
				return read;
			});
		}
		catch (RuntimeException ex) {
			this.calls.degraded(Backend.ARTICLE, "the last site settings read (or the defaults)", ex);
			return this.lastRead;
		}
	}

	/** Forgets the settings read, keeping the last ones for a fallback (tests). */
	public void expire() {
		this.fresh.invalidateAll();
	}

	/** Forgets every settings read, the last ones too: as after a start (tests). */
	public void forgetAll() {
		this.fresh.invalidateAll();
		this.lastRead = DEFAULTS;
	}

	private static Site withDefaults(Site site) {
		if (site == null) {
			return DEFAULTS;
		}
		String name = blankTo(site.name(), DEFAULTS.name());
		return new Site(name, blankTo(site.legalName(), name), site.icp(), site.publicSecurityRecord(),
				(site.wechat() != null) ? site.wechat() : new Site.Wechat(name, null),
				(site.contact() != null) ? site.contact() : DEFAULTS.contact());
	}

	private static String blankTo(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
