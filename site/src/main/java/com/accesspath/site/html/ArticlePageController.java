package com.accesspath.site.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.content.Parallel;
import com.accesspath.site.backend.ArticleServiceClient.Category;
import com.accesspath.site.backend.ArticleServiceClient.Site;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.content.PageParts;

import static com.accesspath.site.html.Cards.text;

/**
 * {@code /articles/{slug}}: the article with everything around it, its parts read in
 * parallel from the page parts' caches. Asked by id or by an old slug, it answers 301 to
 * the article's current URL.
 */
@RestController
public class ArticlePageController {

	private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

	/**
	 * The article page's own model; {@code download} is the form for the file it offers,
	 * or null.
	 */
	public record ArticleView(String id, String title, String summary, String body, String coverImage,
			String categoryKey, String categoryName, String categoryHref, String publishedAt, String date,
			String author, int readingMinutes, Long views, List<Source> sources, List<Cards.Tag> tags,
			List<Cards.Card> related, String canonical, String weiboHref, Download download) {

		public String viewsText() {
			return (this.views != null) ? Cards.count(this.views) + " 阅读" : "";
		}

	}

	public record Source(String name, String url) {
	}

	/** An article's download form: where it posts, and the resource it asks for. */
	public record Download(String href, String resource) {
	}

	private final PageParts parts;

	private final Parallel parallel;

	private final AsideParts asides;

	private final Frames frames;

	private final Html html;

	private final RenderedPages rendered;

	ArticlePageController(PageParts parts, Parallel parallel, AsideParts asides, Frames frames, Html html,
			RenderedPages rendered) {
		this.rendered = rendered;
		this.parts = parts;
		this.parallel = parallel;
		this.asides = asides;
		this.frames = frames;
		this.html = html;
	}

	@GetMapping("/articles/{slug}")
	ResponseEntity<byte[]> article(@PathVariable String slug) {
		return this.rendered.page("article:" + slug, () -> render(slug));
	}

	private ResponseEntity<byte[]> render(String slug) {
		CompletableFuture<JsonNode> article = this.parallel.part(() -> this.parts.article(slug));
		CompletableFuture<Long> views = article
			.thenCompose(found -> this.parallel.optional(() -> this.parts.views(text(found, "id")), Backend.RANKING,
					"article page without its view count", null));
		CompletableFuture<JsonNode> related = this.parallel.optional(() -> this.parts.related(slug), Backend.ARTICLE,
				"article page without related articles", EMPTY);
		AsideParts.Pending aside = this.asides.start(false);
		JsonNode found = Parallel.join(article);
		String current = text(found, "slug");
		if (current != null && !current.equals(slug)) {
			return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
				.header(HttpHeaders.LOCATION, "/articles/" + Cards.path(current))
				.cacheControl(Html.PUBLIC)
				.build();
		}
		Aside sidebar = aside.aside();
		List<Category> tree = this.frames.tree();
		String path = "/articles/" + Cards.path(slug);
		String canonical = this.frames.absolute(path);
		ArticleView view = view(found, Parallel.join(views), Parallel.join(related), tree, canonical);
		Site site = this.frames.settings();
		Head head = this.frames.head(view.title(), description(view), path);
		String image = absoluteImage(view.coverImage(), head.ogImage());
		head = new Head(head.title(), head.description(), head.canonical(), "article", image, view.publishedAt(),
				List.of(JsonLd.script(newsArticle(found, view, site, image)), JsonLd.script(breadcrumbs(view))), false);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("frame", this.frames.frame(head, "article", categoryRootHref(tree, view.categoryKey()), null));
		params.put("article", view);
		params.put("aside", sidebar);
		return this.html.page(HttpStatus.OK, Html.PUBLIC, "pages/article.jte", params);
	}

	private ArticleView view(JsonNode article, Long views, JsonNode related, List<Category> tree, String canonical) {
		JsonNode category = article.get("category");
		String key = text(category, "key");
		List<Source> sources = new ArrayList<>();
		JsonNode sourceList = article.get("sources");
		if (sourceList != null && sourceList.isArray()) {
			for (JsonNode source : sourceList) {
				String url = text(source, "url");
				String name = text(source, "name");
				if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
					sources.add(new Source((name != null) ? name : url, url));
				}
			}
		}
		List<Cards.Card> relatedCards = Cards.cards(related, tree);
		String title = String.valueOf(text(article, "title"));
		JsonNode minutes = article.get("readingMinutes");
		String published = text(article, "publishedAt");
		String weibo = "https://service.weibo.com/share/share.php?url=" + Cards.query(canonical) + "&title="
				+ Cards.query(title);
		return new ArticleView(text(article, "id"), title, text(article, "summary"),
				Images.responsiveBody(String.valueOf(text(article, "body"))), text(article, "coverImage"), key,
				text(category, "name"), (key != null) ? "/category/" + Cards.path(key) : null, published,
				Cards.date(published), text(article.get("author"), "name"),
				(minutes != null && minutes.isNumber()) ? minutes.asInt() : 1, views, sources,
				Cards.tags(article.get("tags")), relatedCards.subList(0, Math.min(4, relatedCards.size())), canonical,
				weibo, download(article));
	}

	private static Download download(JsonNode article) {
		String slug = text(article, "slug");
		if (text(article, "attachment") == null || slug == null) {
			return null;
		}
		return new Download(DownloadFormController.downloadHref(slug), slug);
	}

	private static String description(ArticleView view) {
		String summary = view.summary();
		return (summary != null && !summary.isBlank()) ? summary : view.title();
	}

	private String absoluteImage(String cover, String fallback) {
		if (cover == null || cover.isBlank()) {
			return fallback;
		}
		if (cover.startsWith("https://") || cover.startsWith("http://")) {
			return cover;
		}
		return cover.startsWith("/") ? this.frames.absolute(cover) : fallback;
	}

	private Map<String, Object> newsArticle(JsonNode article, ArticleView view, Site site, String image) {
		Map<String, Object> ld = new LinkedHashMap<>();
		ld.put("@context", "https://schema.org");
		ld.put("@type", "NewsArticle");
		ld.put("headline", view.title());
		ld.put("description", description(view));
		ld.put("image", List.of(image));
		ld.put("datePublished", view.publishedAt());
		String updated = text(article, "updatedAt");
		ld.put("dateModified", (updated != null) ? updated : view.publishedAt());
		if (view.author() != null) {
			ld.put("author", Map.of("@type", "Person", "name", view.author()));
		}
		else {
			ld.put("author", Map.of("@type", "Organization", "name", site.name()));
		}
		ld.put("publisher", Map.of("@type", "Organization", "name", site.name(), "logo",
				Map.of("@type", "ImageObject", "url", this.frames.absolute("/assets/favicon.svg"))));
		ld.put("mainEntityOfPage", Map.of("@type", "WebPage", "@id", view.canonical()));
		return ld;
	}

	private Map<String, Object> breadcrumbs(ArticleView view) {
		List<Map<String, Object>> items = new ArrayList<>();
		items.add(crumb(1, "首页", this.frames.absolute("/")));
		if (view.categoryHref() != null) {
			items.add(crumb(2, String.valueOf(view.categoryName()), this.frames.absolute(view.categoryHref())));
		}
		items.add(crumb(items.size() + 1, view.title(), view.canonical()));
		Map<String, Object> ld = new LinkedHashMap<>();
		ld.put("@context", "https://schema.org");
		ld.put("@type", "BreadcrumbList");
		ld.put("itemListElement", items);
		return ld;
	}

	private static Map<String, Object> crumb(int position, String name, String url) {
		Map<String, Object> crumb = new LinkedHashMap<>();
		crumb.put("@type", "ListItem");
		crumb.put("position", position);
		crumb.put("name", name);
		crumb.put("item", url);
		return crumb;
	}

	/** The menu entry of the section an article belongs to. */
	static String categoryRootHref(List<Category> tree, String key) {
		if (key == null) {
			return null;
		}
		for (Category section : Taxonomy.sections(tree)) {
			if (section.key().equals(key) || section.children().stream().anyMatch(c -> c.key().equals(key))) {
				return "/category/" + section.key();
			}
		}
		return null;
	}

}
