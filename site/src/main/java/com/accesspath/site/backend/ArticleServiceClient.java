package com.accesspath.site.backend;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * What the site reads of article-service (API.md, "Articles", "Taxonomy"). Answers that
 * clients get as they are stay JSON trees (no field is lost on the way); what the site
 * reads itself is typed. Called only through {@link ServiceCalls}.
 */
@HttpExchange
public interface ArticleServiceClient {

	/** The largest page {@code GET /api/articles} gives. */
	int MAX_PAGE_SIZE = 50;

	/** {@code GET /api/articles/{idOrSlug}}: a published article, else 404. */
	@GetExchange("/api/articles/{idOrSlug}")
	JsonNode article(@PathVariable String idOrSlug);

	/** The same article, as the site reads it for feeds. */
	@GetExchange("/api/articles/{idOrSlug}")
	ArticleEntry entry(@PathVariable String idOrSlug);

	/**
	 * {@code GET /api/articles/{idOrSlug}/related}: summaries, most shared tags first.
	 */
	@GetExchange("/api/articles/{idOrSlug}/related")
	JsonNode related(@PathVariable String idOrSlug, @RequestParam int limit);

	/** {@code GET /api/articles?featured=true}: the home page's 头条, if one is set. */
	@GetExchange("/api/articles?featured=true")
	JsonNode featured(@RequestParam int limit);

	/** {@code GET /api/articles?category=&limit=}: the newest of a category. */
	@GetExchange("/api/articles")
	JsonNode newest(@RequestParam String category, @RequestParam int limit);

	/**
	 * {@code GET /api/articles?category=&tag=&limit=&cursor=}: a page of published
	 * summaries, newest first; null parameters are left out.
	 */
	@GetExchange("/api/articles")
	ArticleList list(@RequestParam(required = false) String category, @RequestParam(required = false) String tag,
			@RequestParam int limit, @RequestParam(required = false) String cursor);

	/**
	 * {@code GET /api/articles?category=&tag=&q=&limit=&cursor=}: a page of published
	 * summaries as the site's HTML lists show them (cover, reading time); null parameters
	 * are left out. A cursor or {@code q} article-service rejects is a 400.
	 */
	@GetExchange("/api/articles")
	JsonNode page(@RequestParam(required = false) String category, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String q, @RequestParam int limit,
			@RequestParam(required = false) String cursor);

	/** {@code GET /api/site}: the site's name, legal footer, WeChat account, contact. */
	@GetExchange("/api/site")
	Site site();

	/** {@code GET /api/site/pages/{slug}}: a page editors maintain, else 404. */
	@GetExchange("/api/site/pages/{slug}")
	SitePage sitePage(@PathVariable String slug);

	/** {@code GET /api/categories}: the taxonomy tree. */
	@GetExchange("/api/categories")
	List<Category> categories();

	/** {@code GET /api/tags?limit=}: tags by published article count. */
	@GetExchange("/api/tags")
	List<TagCount> tags(@RequestParam int limit);

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ArticleList(List<ArticleEntry> items, String nextCursor) {
	}

	/** An article or a summary (whose {@code body} is null). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ArticleEntry(String id, String slug, String title, String summary, String body, Author author,
			CategoryRef category, List<String> tags, Instant publishedAt, Instant updatedAt) {

		/** When the article last changed: its update, else its publication. */
		public Instant lastModified() {
			return (this.updatedAt != null) ? this.updatedAt : this.publishedAt;
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Author(String name) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CategoryRef(String key, String name) {
	}

	/** A node of the taxonomy: a leaf when it has no children. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Category(String key, String name, List<Category> children) {

		public boolean isLeaf() {
			return this.children == null || this.children.isEmpty();
		}

	}

	/** The site settings (API.md, "Site settings and site pages"). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Site(String name, String legalName, String icp, String publicSecurityRecord, Wechat wechat,
			Contact contact) {

		@JsonIgnoreProperties(ignoreUnknown = true)
		public record Wechat(String account, String qrImage) {
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		public record Contact(String email, String phone, String address) {
		}

	}

	/** A page editors maintain; {@code body} is sanitised HTML. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record SitePage(String slug, String title, String body, Instant updatedAt) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TagCount(String tag, long articles) {
	}

}
