package com.accesspath.site.html;

import java.util.List;

/**
 * What a page says about itself in {@code <head>}: the title (already "{title} ·
 * {site}"), description, absolute canonical URL, Open Graph, JSON-LD scripts (already
 * escaped for a script element, see {@link JsonLd}) and whether robots may index it.
 *
 * @param ogType {@code article} or {@code website}
 * @param publishedTime ISO-8601 publication of an article, else null
 */
public record Head(String title, String description, String canonical, String ogType, String ogImage,
		String publishedTime, List<String> jsonLd, boolean noindex) {

	public Head withJsonLd(List<String> scripts) {
		return new Head(this.title, this.description, this.canonical, this.ogType, this.ogImage, this.publishedTime,
				scripts, this.noindex);
	}

	public Head noindexed() {
		return new Head(this.title, this.description, this.canonical, this.ogType, this.ogImage, this.publishedTime,
				this.jsonLd, true);
	}

}
