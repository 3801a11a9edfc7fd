package com.accesspath.site.crawl;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.backend.ArticleServiceClient;
import com.accesspath.site.backend.ArticleServiceClient.ArticleEntry;
import com.accesspath.site.backend.ArticleServiceClient.Category;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.NotFoundException;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.SiteSettings;

/**
 * RSS 2.0 feeds of the newest articles: the whole site, a category (group or leaf; an
 * unknown key is a 404) and a tag (one without published articles is a 404). Each item
 * carries title, link, a permalink guid, pubDate (RFC 822), the author
 * ({@code dc:creator}), the summary as description and the sanitised body as
 * {@code content:encoded}.
 */
@RestController
class FeedController {

	static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

	static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";

	static final String ATOM = "http://www.w3.org/2005/Atom";

	/** The feeds' name while the site settings were never read (article-service down). */
	static final String SITE_NAME = SiteSettings.DEFAULTS.name();

	private final ArticleServiceClient articles;

	private final ServiceCalls calls;

	private final Categories categories;

	private final XmlAnswers answers;

	private final SiteProperties properties;

	private final SiteSettings settings;

	private final AsyncTaskExecutor executor;

	private final Clock clock;

	FeedController(ArticleServiceClient articles, ServiceCalls calls, Categories categories, XmlAnswers answers,
			SiteProperties properties, SiteSettings settings,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor, Clock clock) {
		this.articles = articles;
		this.calls = calls;
		this.categories = categories;
		this.answers = answers;
		this.properties = properties;
		this.settings = settings;
		this.executor = executor;
		this.clock = clock;
	}

	@GetMapping("/feed.xml")
	ResponseEntity<byte[]> site() {
		return this.answers.answer("feed", XmlAnswers.RSS,
				() -> feed(siteName(), "/", "/feed.xml", newest(null, null)));
	}

	@GetMapping("/category/{key}/feed.xml")
	ResponseEntity<byte[]> category(@PathVariable String key) {
		Category category = find(this.categories.tree(), key)
			.orElseThrow(() -> new NotFoundException("No category with that key."));
		String path = "/category/" + SitemapController.segment(key);
		return this.answers.answer("feed-category:" + key, XmlAnswers.RSS,
				() -> feed(siteName() + " · " + category.name(), path, path + "/feed.xml", newest(key, null)));
	}

	@GetMapping("/tags/{tag}/feed.xml")
	ResponseEntity<byte[]> tag(@PathVariable String tag) {
		String path = "/tags/" + SitemapController.segment(tag);
		return this.answers.answer("feed-tag:" + tag, XmlAnswers.RSS, () -> {
			List<ArticleEntry> items = newest(null, tag);
			if (items.isEmpty()) {
				throw new NotFoundException("No published article has that tag.");
			}
			return feed(siteName() + " · " + tag, path, path + "/feed.xml", items);
		});
	}

	/**
	 * The site's name as its settings give it ({@code /api/site}, as every page's frame
	 * shows it); the last one read, or {@link #SITE_NAME}, while article-service is down.
	 */
	private String siteName() {
		return this.settings.current().name();
	}

	/** The newest articles of a category or tag (or of the site), with their bodies. */
	private List<ArticleEntry> newest(String category, String tag) {
		List<ArticleEntry> summaries = this.calls
			.call(Backend.ARTICLE, () -> this.articles.list(category, tag, this.properties.crawl().feedItems(), null))
			.items();
		List<CompletableFuture<ArticleEntry>> full = new ArrayList<>();
		for (ArticleEntry summary : summaries) {
			full.add(CompletableFuture.supplyAsync(
					() -> this.calls.call(Backend.ARTICLE, () -> this.articles.entry(summary.slug())), this.executor));
		}
		List<ArticleEntry> entries = new ArrayList<>();
		for (CompletableFuture<ArticleEntry> entry : full) {
			try {
				entries.add(entry.join());
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof NotFoundException) {
					// Unpublished between the list and the read: not in the feed.
					continue;
				}
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		}
		return entries;
	}

	private byte[] feed(String title, String path, String selfPath, List<ArticleEntry> items) {
		return Xml.document(xml -> {
			xml.writeStartElement("rss");
			xml.writeAttribute("version", "2.0");
			xml.writeNamespace("content", CONTENT);
			xml.writeNamespace("dc", DUBLIN_CORE);
			xml.writeNamespace("atom", ATOM);
			xml.writeStartElement("channel");
			Xml.element(xml, "title", title);
			Xml.element(xml, "link", this.properties.absolute(path));
			Xml.element(xml, "description", title + " — AI 资讯");
			Xml.element(xml, "language", "zh-CN");
			Xml.element(xml, "lastBuildDate", rfc822(this.clock.instant()));
			xml.writeEmptyElement("atom", "link", ATOM);
			xml.writeAttribute("href", this.properties.absolute(selfPath));
			xml.writeAttribute("rel", "self");
			xml.writeAttribute("type", "application/rss+xml");
			for (ArticleEntry item : items) {
				item(xml, item);
			}
			xml.writeEndElement();
			xml.writeEndElement();
		});
	}

	private void item(XMLStreamWriter xml, ArticleEntry article) throws XMLStreamException {
		String link = this.properties.absolute("/articles/" + SitemapController.segment(article.slug()));
		xml.writeStartElement("item");
		Xml.element(xml, "title", article.title());
		Xml.element(xml, "link", link);
		xml.writeStartElement("guid");
		xml.writeAttribute("isPermaLink", "true");
		xml.writeCharacters(link);
		xml.writeEndElement();
		if (article.publishedAt() != null) {
			Xml.element(xml, "pubDate", rfc822(article.publishedAt()));
		}
		if (article.author() != null) {
			Xml.element(xml, "dc", DUBLIN_CORE, "creator", article.author().name());
		}
		if (article.category() != null) {
			Xml.element(xml, "category", article.category().name());
		}
		Xml.element(xml, "description", article.summary());
		Xml.element(xml, "content", CONTENT, "encoded", article.body());
		xml.writeEndElement();
	}

	private static String rfc822(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
	}

	private static Optional<Category> find(List<Category> categories, String key) {
		for (Category category : categories) {
			if (category.key().equals(key)) {
				return Optional.of(category);
			}
			if (!category.isLeaf()) {
				Optional<Category> found = find(category.children(), key);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

}
