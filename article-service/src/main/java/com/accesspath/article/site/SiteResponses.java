package com.accesspath.article.site;

import java.time.Instant;

/** The JSON shapes of API.md, "Site settings and site pages". */
final class SiteResponses {

	private SiteResponses() {
	}

	record SiteSettingsResponse(String name, String legalName, String icp, String publicSecurityRecord,
			SiteSettings.WeChat wechat, SiteSettings.Contact contact) {

		static SiteSettingsResponse of(SiteSettings settings) {
			return new SiteSettingsResponse(settings.name(), settings.legalName(), settings.icp(),
					settings.publicSecurityRecord(), settings.wechat(), settings.contact());
		}

	}

	record SitePageResponse(String slug, String title, String body, Instant updatedAt, long version) {

		static SitePageResponse of(SitePage page) {
			return new SitePageResponse(page.slug(), page.title(), page.body(), page.updatedAt(), page.version());
		}

	}

	/** A page in the editors' list: everything but the body. */
	record SitePageSummary(String slug, String title, Instant updatedAt, long version) {

		static SitePageSummary of(SitePage page) {
			return new SitePageSummary(page.slug(), page.title(), page.updatedAt(), page.version());
		}

	}

}
