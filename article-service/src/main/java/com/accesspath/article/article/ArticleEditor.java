package com.accesspath.article.article;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import com.accesspath.article.media.MediaLibrary;
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

	private final ArticleRevisions revisions;

	private final MediaLibrary media;

	ArticleEditor(ArticleRepository articles, SearchTerms searchTerms, PublishedArticleCache cache, Clock clock,
			BaiduPushOutbox baiduPush, TagCounts tagCounts, Attachments attachments, ArticleRevisions revisions,
			MediaLibrary media) {
		this.articles = articles;
		this.media = media;
		this.revisions = revisions;
		this.attachments = attachments;
		this.tagCounts = tagCounts;
		this.searchTerms = searchTerms;
		this.cache = cache;
		this.clock = clock;
		this.baiduPush = baiduPush;
	}

	Article create(ArticleRequest request, String editor) {
		requireLeafCategory(request.category());
		requireKnownCover(request);
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
		if (request.slug() != null && this.articles.slugTaken(slug, null)) {
			throw new InvalidInputException("slug", "is already used by another article");
		}
		List<String> tags = request.tagsOrEmpty();
		Article article = new Article(null, slug, request.title().strip(), summaryOf(request), body,
				request.coverImage(), request.category(), tags, authorOf(request), sourcesOf(request), status,
				publishedAt, now, now, ArticleText.readingMinutes(body), 1, status != ArticleStatus.DRAFT,
				this.searchTerms.ofDocument(request.title(), request.summary(), body, tags), request.attachment(),
				false, null, List.of(), editor, 1);
		for (int attempt = 1;; attempt++) {
			try {
				Article saved = this.articles.insert(article);
				this.revisions.keep(saved, null);
				this.tagCounts.markDue(saved.id());
				this.tagCounts.countNow(saved.id());
				this.cache.clear();
				if (saved.status() != ArticleStatus.DRAFT) {
					this.baiduPush.published(saved.slug(), saved.publishedAt());
				}
				return Boolean.TRUE.equals(request.featured()) ? feature(saved.id(), true, editor) : saved;
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
				article.version(), article.slugFrozen(), article.searchTerms(), article.attachment(),
				article.featured(), article.featuredAt(), article.oldSlugs(), article.lastEditor(),
				article.revisions());
	}

	/**
	 * Creates the article unless one with its slug exists; for the demo content, so
	 * loading it twice adds nothing.
	 */
	Optional<Article> createIfSlugAbsent(ArticleRequest request) {
		if (this.articles.slugTaken(request.slug(), null)) {
			return Optional.empty();
		}
		try {
			return Optional.of(create(request, DEFAULT_AUTHOR));
		}
		catch (InvalidInputException ex) {
			return Optional.empty();
		}
	}

	boolean slugTaken(String slug) {
		return this.articles.slugTaken(slug, null);
	}

	Article update(String id, long expectedVersion, ArticleRequest request, String editor) {
		if (request.publishAt() != null) {
			throw new InvalidInputException("publishAt",
					"is set with POST /api/admin/articles/{id}/publish, not with an edit");
		}
		Article current = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		requireLeafCategory(request.category());
		requireKnownCover(request);
		requireKnownAttachment(request);
		Update update = new Update();
		if (request.slug() != null && !request.slug().equals(current.slug())) {
			if (this.articles.slugTaken(request.slug(), id)) {
				throw new InvalidInputException("slug", "is already used by another article");
			}
			update.set("slug", request.slug()).set("oldSlugs", oldSlugsAfter(current, request.slug()));
		}
		content(update, request.title().strip(), summaryOf(request), ArticleText.sanitize(request.body()),
				request.coverImage(), request.category(), request.tagsOrEmpty(), authorOf(request), sourcesOf(request),
				request.attachment());
		Article saved = saved(id, expectedVersion, update, editor, null);
		if (request.featured() != null && !request.featured().equals(saved.featured())) {
			return feature(id, request.featured(), editor);
		}
		return saved;
	}

	/**
	 * Puts a revision's content back as a new save (and a new revision); the slug stays
	 * what it is now, so no link moves.
	 */
	Article restore(String id, long expectedVersion, int revision, String editor) {
		ArticleRevisions.ArticleRevision kept = this.revisions.find(id, revision)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Article " + id + " has no revision " + revision + "."));
		Update update = content(new Update(), kept.title(), kept.summary(), kept.body(), kept.coverImage(),
				kept.category(), (kept.tags() != null) ? kept.tags() : List.of(), kept.author(), kept.sources(),
				kept.attachment());
		return saved(id, expectedVersion, update, editor, revision);
	}

	/**
	 * A save's content (an edit's or a restored revision's), with what is derived from it
	 * on write: reading time and search terms.
	 */
	private Update content(Update update, String title, String summary, String body, String coverImage, String category,
			List<String> tags, String author, List<Article.Source> sources, String attachment) {
		return update.set("title", title)
			.set("summary", summary)
			.set("body", body)
			.set("coverImage", coverImage)
			.set("category", category)
			.set("tags", tags)
			.set("author", author)
			.set("sources", sources)
			.set("readingMinutes", ArticleText.readingMinutes(body))
			.set("searchTerms", this.searchTerms.ofDocument(title, summary, body, tags))
			.set("attachment", attachment);
	}

	/**
	 * Makes the article the home page's 头条, or no longer. Featuring is a flag, not an
	 * edit: it needs no {@code If-Match} and keeps no revision. The previous 头条 loses its
	 * flag; of two featured at once by two editors, the later stays.
	 */
	Article feature(String id, boolean featured, String editor) {
		if (featured && this.articles.findById(id)
			.orElseThrow(() -> new ArticleNotFoundException(id))
			.status() == ArticleStatus.ARCHIVED) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"An archived article cannot be the 头条; publish it again first.");
		}
		// To the millisecond, as MongoDB keeps it: the tie-break compares like with like.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Update update = new Update().set("featured", featured)
			.set("featuredAt", featured ? now : null)
			.set("lastEditor", editor)
			.set("updatedAt", now);
		Article saved = this.articles.updateAnyVersion(id, update).orElseThrow(() -> new ArticleNotFoundException(id));
		if (featured) {
			this.articles.unfeatureOthers(id, now);
		}
		this.cache.clear();
		return saved;
	}

	/** Content saves: the editor, the save counter and the revision kept with it. */
	private Article saved(String id, long expectedVersion, Update update, String editor, Integer restoredFrom) {
		update.set("lastEditor", editor).set("updatedAt", this.clock.instant()).inc("revisions", 1);
		Article saved = changed(id, expectedVersion, update);
		this.revisions.keep(saved, restoredFrom);
		return saved;
	}

	/**
	 * A published article's slug stays an address: it joins the old slugs, which redirect
	 * (a draft's slug was never public). Going back to an old slug takes it out of them.
	 */
	private static List<String> oldSlugsAfter(Article current, String newSlug) {
		List<String> old = new java.util.ArrayList<>(current.oldSlugsOrEmpty());
		if (current.slugFrozen() && !old.contains(current.slug())) {
			old.add(current.slug());
		}
		old.remove(newSlug);
		return old;
	}

	Article publish(String id, Instant publishAt, String editor) {
		Article current = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		Instant now = this.clock.instant();
		boolean later = publishAt != null && publishAt.isAfter(now);
		Instant publishedAt = later ? publishAt : (current.isVisible(now) ? current.publishedAt() : now);
		Update update = new Update().set("status", later ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED)
			.set("publishedAt", publishedAt)
			.set("slugFrozen", true)
			.set("lastEditor", editor)
			.set("updatedAt", now);
		Article saved = changed(id, current.version(), update);
		// Public now or at publishedAt (a scheduled article turns public by itself then):
		// the push waits for that time.
		this.baiduPush.published(saved.slug(), saved.publishedAt());
		return saved;
	}

	void archive(String id, String editor) {
		Article current = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		if (current.status() != ArticleStatus.ARCHIVED) {
			changed(id, current.version(),
					new Update().set("status", ArticleStatus.ARCHIVED)
						.set("featured", false)
						.set("lastEditor", editor)
						.set("updatedAt", this.clock.instant()));
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
		while (this.articles.slugTaken(slug, null)) {
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

	/**
	 * A cover from the library must be one of its files (a typo would show a broken
	 * image).
	 */
	private void requireKnownCover(ArticleRequest request) {
		String cover = request.coverImage();
		if (cover != null && cover.startsWith("/") && !this.media.isLibraryUrl(cover)) {
			throw new InvalidInputException("coverImage", "is not a file of the media library");
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
