package com.accesspath.article.article;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import com.accesspath.article.article.ArticleResponses.ArticlePage;
import com.accesspath.article.article.ArticleResponses.ArticleResponse;
import com.accesspath.article.article.ArticleResponses.ArticleSummary;
import com.accesspath.article.article.ArticleResponses.TagCount;
import com.accesspath.article.article.PublishedArticleCache.CachedArticle;
import com.accesspath.article.category.Taxonomy;
import com.accesspath.article.search.SearchTerms;
import com.accesspath.boot.problem.InvalidInputException;

/**
 * Reading published articles: lists, search, single articles (from memory), related
 * articles and tag counts.
 */
@Service
public class ArticleService {

	/**
	 * How many newest matches a search ranks; older matches beyond that are not offered.
	 */
	static final int SEARCH_CANDIDATES = 1000;

	static final int MAX_IDS = 100;

	/** The most tags {@code GET /api/tags} lists. */
	static final int MAX_TAGS = 100;

	private final ArticleRepository articles;

	private final SearchTerms searchTerms;

	private final PublishedArticleCache cache;

	private final JsonMapper json;

	private final Clock clock;

	private final TagCounts tagCounts;

	ArticleService(ArticleRepository articles, SearchTerms searchTerms, PublishedArticleCache cache, JsonMapper json,
			Clock clock, TagCounts tagCounts) {
		this.articles = articles;
		this.tagCounts = tagCounts;
		this.searchTerms = searchTerms;
		this.cache = cache;
		this.json = json;
		this.clock = clock;
	}

	/** The home page's 头条: the featured article if it is public (one page, no cursor). */
	ArticlePage featured(int limit) {
		Instant now = this.clock.instant();
		return new ArticlePage(summaries(this.articles.findVisibleFeatured(now, limit), now), null);
	}

	ArticlePage list(String category, String tag, String q, int limit, String cursor) {
		Instant now = this.clock.instant();
		ArticleCursor after = ArticleCursor.decode(cursor);
		List<String> categories = (category == null || category.isBlank()) ? null : Taxonomy.leavesOf(category);
		if (categories != null && categories.isEmpty()) {
			return new ArticlePage(List.of(), null);
		}
		String tagFilter = (tag == null || tag.isBlank()) ? null : tag.strip();
		if (q != null) {
			return search(now, categories, tagFilter, q, limit, after);
		}
		if (after != null && !after.isKeyset()) {
			throw new InvalidInputException("cursor", "belongs to another kind of list");
		}
		List<Article> page = this.articles.findVisible(now, categories, tagFilter, after, limit + 1);
		boolean more = page.size() > limit;
		List<Article> items = more ? page.subList(0, limit) : page;
		return new ArticlePage(summaries(items, now),
				more ? ArticleCursor.after(items.get(items.size() - 1)).encode() : null);
	}

	private ArticlePage search(Instant now, List<String> categories, String tag, String q, int limit,
			ArticleCursor after) {
		List<String> terms = this.searchTerms.ofQuery(q);
		if (terms.isEmpty()) {
			return new ArticlePage(List.of(), null);
		}
		if (after != null && !after.isOffset()) {
			throw new InvalidInputException("cursor", "belongs to another kind of list");
		}
		int offset = (after != null) ? after.offset() : 0;
		// Later pages rank what was visible when the first page was asked for: new
		// articles shift nothing.
		Instant asOf = (after != null) ? after.asOf() : now;
		List<Article> candidates = this.articles.findVisibleWithAnyTerm(asOf, categories, tag, terms,
				SEARCH_CANDIDATES);
		Map<Article, Integer> matches = new IdentityHashMap<>();
		for (Article candidate : candidates) {
			Set<String> documentTerms = new HashSet<>(candidate.searchTerms());
			matches.put(candidate, (int) terms.stream().filter(documentTerms::contains).count());
		}
		List<Article> ranked = new ArrayList<>(candidates);
		// Stable sort: candidates are already newest first, so equal matches stay by
		// recency.
		ranked.sort(Comparator.comparing((Article article) -> matches.get(article)).reversed());
		int end = Math.min(ranked.size(), offset + limit);
		List<Article> items = (offset >= ranked.size()) ? List.of() : ranked.subList(offset, end);
		String next = (end < ranked.size()) ? ArticleCursor.atOffset(end, asOf).encode() : null;
		return new ArticlePage(summaries(items, now), next);
	}

	/**
	 * Summaries in the order of {@code ids}; unknown and unpublished ids are left out.
	 */
	ArticlePage byIds(List<String> ids) {
		if (ids.size() > MAX_IDS) {
			throw new InvalidInputException("ids", "at most " + MAX_IDS + " ids");
		}
		Instant now = this.clock.instant();
		Map<String, Article> found = new HashMap<>();
		this.articles.findVisibleByIds(now, new LinkedHashSet<>(ids))
			.forEach(article -> found.put(article.id(), article));
		List<Article> ordered = ids.stream().distinct().map(found::get).filter(Objects::nonNull).toList();
		return new ArticlePage(summaries(ordered, now), null);
	}

	/** The published article, serialised, from memory when possible. */
	Optional<CachedArticle> published(String idOrSlug) {
		return Optional.ofNullable(this.cache.get(idOrSlug, key -> {
			Instant now = this.clock.instant();
			return findVisible(key, now)
				.map(article -> PublishedArticleCache.of(article.id(),
						this.json.writeValueAsString(ArticleResponse.of(article, now))))
				.orElse(null);
		}));
	}

	/** The current slug of the published article that once had this one. */
	Optional<String> movedTo(String oldSlug) {
		Instant now = this.clock.instant();
		return this.articles.findByOldSlug(oldSlug).filter(article -> article.isVisible(now)).map(Article::slug);
	}

	List<ArticleSummary> related(String idOrSlug, int limit) {
		Instant now = this.clock.instant();
		Article article = findVisible(idOrSlug, now).orElseThrow(() -> new ArticleNotFoundException(idOrSlug));
		if (article.tags() == null || article.tags().isEmpty()) {
			return List.of();
		}
		Set<String> tags = new HashSet<>(article.tags());
		List<Article> candidates = new ArrayList<>(this.articles.findVisibleWithAnyTag(now, tags, article.id(), 200));
		candidates.sort(Comparator
			.comparingLong((Article candidate) -> candidate.tags().stream().filter(tags::contains).count())
			.reversed());
		return summaries(candidates.subList(0, Math.min(limit, candidates.size())), now);
	}

	List<TagCount> tags(int limit) {
		List<TagCount> all = this.cache.tagCounts(() -> this.tagCounts.top(MAX_TAGS));
		return all.subList(0, Math.min(limit, all.size()));
	}

	private Optional<Article> findVisible(String idOrSlug, Instant now) {
		Optional<Article> article = this.articles.findById(idOrSlug);
		if (article.isEmpty()) {
			article = this.articles.findBySlug(idOrSlug);
		}
		return article.filter(found -> found.isVisible(now));
	}

	private static List<ArticleSummary> summaries(List<Article> articles, Instant now) {
		return articles.stream().map(article -> ArticleSummary.of(article, now)).toList();
	}

}
