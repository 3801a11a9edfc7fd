package com.accesspath.site.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.accesspath.site.backend.ArticleServiceClient;
import com.accesspath.site.backend.ArticleServiceClient.SitePage;
import com.accesspath.site.backend.BadRequestException;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.backend.LeadsServiceClient;
import com.accesspath.site.backend.NotFoundException;
import com.accesspath.site.backend.RankingServiceClient;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;

/**
 * The parts pages are composed of, each kept for
 * {@code accesspath.site.cache.time-to-live} (a few seconds): a burst of page misses
 * costs each service one call per part, as concurrent readers of a missing part wait for
 * the same call. Failures are not kept: each part throws
 * {@link BackendUnavailableException} (or {@link NotFoundException}) and the page chooses
 * its fallback.
 */
@Component
public class PageParts {

	/** How many items the hot list and hot tags have on a page. */
	public static final int HOT_ITEMS = 10;

	/** How many related articles an article page shows. */
	public static final int RELATED_ITEMS = 5;

	/** How many summaries a page of a list (category, tag, search) shows. */
	public static final int LIST_ITEMS = 12;

	/** How many of a section's newest articles the home page shows. */
	public static final int SECTION_ITEMS = 6;

	private final ArticleServiceClient articles;

	private final RankingServiceClient ranking;

	private final LeadsServiceClient leads;

	private final ServiceCalls calls;

	private final Cache<String, JsonNode> lists;

	private final Cache<String, JsonNode> perArticle;

	private final Cache<String, SitePage> sitePages;

	PageParts(ArticleServiceClient articles, RankingServiceClient ranking, LeadsServiceClient leads, ServiceCalls calls,
			SiteProperties properties) {
		this.articles = articles;
		this.ranking = ranking;
		this.leads = leads;
		this.calls = calls;
		this.lists = Caffeine.newBuilder()
			.maximumSize(properties.cache().listsSize())
			.expireAfterWrite(properties.cache().timeToLive())
			.build();
		this.perArticle = Caffeine.newBuilder()
			.maximumSize(properties.cache().articlesSize())
			.expireAfterWrite(properties.cache().timeToLive())
			.build();
		this.sitePages = Caffeine.newBuilder()
			.maximumSize(properties.cache().listsSize())
			.expireAfterWrite(properties.cache().timeToLive())
			.build();
	}

	/**
	 * A published article (API.md {@code Article}); {@link NotFoundException} if none.
	 */
	public JsonNode article(String idOrSlug) {
		return this.perArticle.get("article:" + idOrSlug,
				key -> this.calls.call(Backend.ARTICLE, () -> this.articles.article(idOrSlug)));
	}

	/** The articles related to one, as {@code [ArticleSummary]}. */
	public JsonNode related(String idOrSlug) {
		return this.perArticle.get("related:" + idOrSlug,
				key -> this.calls.call(Backend.ARTICLE, () -> this.articles.related(idOrSlug, RELATED_ITEMS)));
	}

	/** An article's all-time view count. */
	public long views(String articleId) {
		return this.perArticle
			.get("views:" + articleId, key -> this.calls.call(Backend.RANKING, () -> this.ranking.views(articleId)))
			.get("views")
			.asLong();
	}

	/** The newest {@value #SECTION_ITEMS} summaries of a category. */
	public JsonNode newest(String category) {
		return this.lists
			.get("newest:" + category,
					key -> this.calls.call(Backend.ARTICLE, () -> this.articles.newest(category, SECTION_ITEMS)))
			.get("items");
	}

	/** The article editors made the 头条, or null. */
	public JsonNode featured() {
		JsonNode items = this.lists
			.get("featured", key -> this.calls.call(Backend.ARTICLE, () -> this.articles.featured(1)))
			.get("items");
		return (items != null && items.size() > 0) ? items.get(0) : null;
	}

	/** The 24-hour hot list's items. */
	public JsonNode hot() {
		return this.lists.get("hot", key -> this.calls.call(Backend.RANKING, () -> this.ranking.hot("24h", HOT_ITEMS)))
			.get("items");
	}

	/** Hot tags, {@code [{tag, score}]}. */
	public JsonNode hotTags() {
		return this.lists.get("hotTags",
				key -> this.calls.call(Backend.RANKING, () -> this.ranking.hotTags(HOT_ITEMS)));
	}

	/** How many companies completed the diagnosis. */
	public long diagnosisCompleted() {
		return this.lists.get("diagnosis", key -> this.calls.call(Backend.LEADS, this.leads::diagnosisStats))
			.get("completed")
			.asLong();
	}

	/**
	 * A page of a list ({@code GET /api/articles}): null filters are left out; a cursor
	 * or {@code q} article-service refuses is a {@link BadRequestException}.
	 */
	public JsonNode listPage(String category, String tag, String q, String cursor) {
		String key = String.join("\u0000", "page", String.valueOf(category), String.valueOf(tag), String.valueOf(q),
				String.valueOf(cursor));
		return this.lists.get(key,
				k -> this.calls.call(Backend.ARTICLE, () -> this.articles.page(category, tag, q, LIST_ITEMS, cursor)));
	}

	/**
	 * A page editors maintain ({@code /about}, ...); {@link NotFoundException} if none.
	 */
	public SitePage sitePage(String slug) {
		return this.sitePages.get(slug, key -> this.calls.call(Backend.ARTICLE, () -> this.articles.sitePage(slug)));
	}

	/** Forgets every part (tests). */
	public void forget() {
		this.lists.invalidateAll();
		this.perArticle.invalidateAll();
		this.sitePages.invalidateAll();
	}

}
