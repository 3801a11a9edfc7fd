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
	public record Link(String href, String label, boolean current) {
	}

}
