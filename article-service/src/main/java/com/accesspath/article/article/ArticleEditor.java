package com.accesspath.article.article;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.article.article.ArticleRequests.ArticleRequest;
import com.accesspath.article.baidu.BaiduPushOutbox;
import com.accesspath.article.category.Taxonomy;
import com.accesspath.article.media.Attachments;
import com.accesspath.article.search.SearchTerms;
import com.accesspath.boot.problem.InvalidInputException;

/**
 * Editors' writes: create, update under {@code If-Match}, publish now or later, archive.
 * Bodies are sanitised and search terms computed here, on write, so reads do no such
 * work.
 */
@Service
public class ArticleEditor {

	static final String DEFAULT_AUTHOR = "AccessPath 编辑部";

	/** The group whose articles may offer a file for download. */
	static final String RESOURCES = "resources";

	private static final SecureRandom random = new SecureRandom();

	private final ArticleRepository articles;

	private final SearchTerms searchTerms;

	private final PublishedArticleCache cache;

	private final Clock clock;

	private final BaiduPushOutbox baiduPush;

	private final TagCounts tagCounts;

	private final Attachments attachments;

	ArticleEditor(ArticleRepository articles, SearchTerms searchTerms, PublishedArticleCache cache, Clock clock,
			BaiduPushOutbox baiduPush, TagCounts tagCounts, Attachments attachments) {
		this.articles = articles;
		this.attachments = attachments;
		this.tagCounts = tagCounts;
		this.searchTerms = searchTerms;
		this.cache = cache;
		this.clock = clock;
		this.baiduPush = baiduPush;
	}

	Article create(ArticleRequest request) {
		requireLeafCategory(request.category());
		requireKnownAttachment(request);
		Instant now = this.clock.instant();
		String body = ArticleText.sanitize(request.body());
		ArticleStatus status = ArticleStatus.DRAFT;
		Instant publishedAt = null;
		if (request.publishAt() != null) {
			publishedAt = request.publishAt();
			status = publishedAt.isAfter(now) ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED;
		}
		String slug = (request.slug() != null) ? request.slug() : uniqueSlug(ArticleText.slugOf(request.title()));
		if (request.slug() != null && this.articles.slugExists(slug)) {
			throw new InvalidInputException("slug", "is already used by another article");
		}
		List<String> tags = request.tagsOrEmpty();
		Article article = new Article(null, slug, request.title().strip(), summaryOf(request), body,
				request.coverImage(), request.category(), tags, authorOf(request), sourcesOf(request), status,
				publishedAt, now, now, ArticleText.readingMinutes(body), 1, status != ArticleStatus.DRAFT,
				this.searchTerms.ofDocument(request.title(), request.summary(), body, tags), request.attachment());
		for (int attempt = 1;; attempt++) {
			try {
				Article saved = this.articles.insert(article);
				this.tagCounts.markDue(saved.id());
				this.tagCounts.countNow(saved.id());
				this.cache.clear();
				if (saved.status() != ArticleStatus.DRAFT) {
					this.baiduPush.published(saved.slug(), saved.publishedAt());
				}
				return saved;
			}
			catch (DuplicateKeyException ex) {
				if (request.slug() != null || attempt == 3) {
					throw new InvalidInputException("slug", "is already used by another article");
				}
				// Another editor took the generated slug in the meantime: generate again.
				article = withSlug(article, uniqueSlug(ArticleText.slugOf(request.title())));
			}
		}
	}

	private static Article withSlug(Article article, String slug) {
		return new Article(article.id(), slug, article.title(), article.summary(), article.body(), article.coverImage(),
				article.category(), article.tags(), article.author(), article.sources(), article.status(),
				article.publishedAt(), article.createdAt(), article.updatedAt(), article.readingMinutes(),
				article.version(), article.slugFrozen(), article.searchTerms(), article.attachment());
	}

	/**
	 * Creates the article unless one with its slug exists; for the demo content, so
	 * loading it twice adds nothing.
	 */
	Optional<Article> createIfSlugAbsent(ArticleRequest request) {
		if (this.articles.slugExists(request.slug())) {
			return Optional.empty();
		}
		try {
			return Optional.of(create(request));
		}
		catch (InvalidInputException ex) {
			return Optional.empty();
		}
	}

	Article update(String id, long expectedVersion, ArticleRequest request) {
		if (request.publishAt() != null) {
			throw new InvalidInputException("publishAt",
					"is set with POST /api/admin/articles/{id}/publish, not with an edit");
		}
		Article current = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		requireLeafCategory(request.category());
		requireKnownAttachment(request);
		String slug = current.slug();
		if (request.slug() != null && !request.slug().equals(current.slug())) {
			if (current.slugFrozen()) {
				throw new InvalidInputException("slug", "cannot change once the article has been published");
			}
			if (this.articles.slugExists(request.slug())) {
				throw new InvalidInputException("slug", "is already used by another article");
			}
			slug = request.slug();
		}
		String body = ArticleText.sanitize(request.body());
		List<String> tags = request.tagsOrEmpty();
		Update update = new Update().set("slug", slug)
			.set("title", request.title().strip())
			.set("summary", summaryOf(request))
			.set("body", body)
			.set("coverImage", request.coverImage())
			.set("category", request.category())
			.set("tags", tags)
			.set("author", authorOf(request))
			.set("sources", sourcesOf(request))
			.set("readingMinutes", ArticleText.readingMinutes(body))
			.set("searchTerms", this.searchTerms.ofDocument(request.title(), request.summary(), body, tags))
			.set("attachment", request.attachment())
			.set("updatedAt", this.clock.instant());
		return changed(id, expectedVersion, update);
	}

	Article publish(String id, Instant publishAt) {
		Article current = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		Instant now = this.clock.instant();
		boolean later = publishAt != null && publishAt.isAfter(now);
		Instant publishedAt = later ? publishAt : (current.isVisible(now) ? current.publishedAt() : now);
		Update update = new Update().set("status", later ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED)
			.set("publishedAt", publishedAt)
			.set("slugFrozen", true)
			.set("updatedAt", now);
		Article saved = changed(id, current.version(), update);
		// Public now or at publishedAt (a scheduled article turns public by itself then):
		// the push waits for that time.
		this.baiduPush.published(saved.slug(), saved.publishedAt());
		return saved;
	}

	void archive(String id) {
		Article current = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		if (current.status() != ArticleStatus.ARCHIVED) {
			changed(id, current.version(),
					new Update().set("status", ArticleStatus.ARCHIVED).set("updatedAt", this.clock.instant()));
			this.baiduPush.withdrawn(current.slug());
		}
	}

	private Article changed(String id, long expectedVersion, Update update) {
		Article saved = this.articles.updateIfVersion(id, expectedVersion, this.tagCounts.markingDue(update))
			.orElseThrow(() -> {
				if (this.articles.findById(id).isEmpty()) {
					return new ArticleNotFoundException(id);
				}
				return new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
						"The article was changed by someone else since version " + expectedVersion
								+ "; reload it and edit again.");
			});
		this.tagCounts.countNow(id);
		this.cache.clear();
		return saved;
	}

	private String uniqueSlug(String base) {
		String slug = base;
		while (this.articles.slugExists(slug)) {
			slug = base + "-"
					+ Long.toString(random.nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
		}
		return slug;
	}

	private static void requireLeafCategory(String key) {
		if (Taxonomy.leaf(key).isEmpty()) {
			throw new InvalidInputException("category", "must be one of the leaf category keys of /api/categories");
		}
	}

	/**
	 * A file the service holds, offered only by 资源中心 articles (leads-service gates
	 * downloads of those, API.md "downloads").
	 */
	private void requireKnownAttachment(ArticleRequest request) {
		if (request.attachment() == null) {
			return;
		}
		if (!this.attachments.exists(request.attachment())) {
			throw new InvalidInputException("attachment", "must be the id of a known file");
		}
		if (!Taxonomy.leavesOf(RESOURCES).contains(request.category())) {
			throw new InvalidInputException("attachment", "only articles of the 资源中心 (resources) may offer a file");
		}
	}

	private static String summaryOf(ArticleRequest request) {
		return (request.summary() == null) ? "" : request.summary().strip();
	}

	private static String authorOf(ArticleRequest request) {
		return (request.author() == null) ? DEFAULT_AUTHOR : request.author().name().strip();
	}

	private static List<Article.Source> sourcesOf(ArticleRequest request) {
		return (request.sources() == null) ? List.of()
				: request.sources()
					.stream()
					.map(source -> new Article.Source(source.name().strip(), source.url()))
					.toList();
	}

}
