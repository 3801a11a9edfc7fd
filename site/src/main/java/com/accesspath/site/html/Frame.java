package com.accesspath.site.html;

import java.util.List;

import com.accesspath.site.backend.ArticleServiceClient.Site;

/**
 * Everything around a page's main content: head, header navigation, footer.
 *
 * @param dataPage the {@code <body data-page>} the enhancement script reads
 * @param query what the header's search box shows
 * @param publicSecurityCode the digits of the 公安备案 number (its query link), or null
 */
public record Frame(Head head, String dataPage, Site settings, List<Link> nav, boolean diagnosisCurrent,
		List<Link> footerGroups, int year, String query, String publicSecurityCode, String stylesheet, String script) {

	/** A navigation link; {@code current} marks the page the reader is on. */
	/**
	 * The title of the share card: the page's own, without the site's name that
	 * {@code og:site_name} already carries (WeChat and Weibo show both).
	 */
	public String ogTitle() {
		String suffix = " · " + this.settings.name();
		String title = this.head.title();
		return title.endsWith(suffix) ? title.substring(0, title.length() - suffix.length()) : title;
	}

	public record Link(String href, String label, boolean current) {
	}

}
