package com.accesspath.site.crawl;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import com.accesspath.site.backend.ArticleServiceClient;
import com.accesspath.site.backend.ArticleServiceClient.ArticleEntry;
import com.accesspath.site.backend.ArticleServiceClient.ArticleList;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.NotFoundException;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.PageParts;

/**
 * {@code /sitemap.xml}: a sitemaps.org 0.9 index of {@code /sitemaps/pages.xml} (home,
 * categories, site pages), {@code /sitemaps/tags-{n}.xml} (every tag that has a published
 * article, most used first, and the hot tags) and {@code /sitemaps/articles-{n}.xml}
 * (every published article with its {@code lastmod}), each file at most
 * {@code accesspath.site.crawl.urls-per-file} URLs. Articles are paged through
 * article-service's cursor API, and their tags are read from the same pages (its tags API
 * gives the top 100 only); if any page cannot be read, the answer is 503 with
 * {@code Retry-After}, never a sitemap that lacks articles (a crawler would take them for
 * gone).
 */
@RestController
class SitemapController {

	static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

	/** The site's own pages, beside the home page and categories. */
	static final List<String> SITE_PAGES = List.of("/insights", "/services", "/about", "/contact", "/privacy", "/terms",
			"/guide", "/diagnosis");

	private final ArticleServiceClient articles;

	private final ServiceCalls calls;

	private final Categories categories;

	private final PageParts parts;

	private final XmlAnswers answers;

	private final SiteProperties properties;

	/** The article and tag files, read once for the index and every file. */
	private final Cache<String, Catalog> catalog;

	/**
	 * What the sitemap files list beside the pages: articles and tags, split into files.
	 */
	record Catalog(List<List<ArticleEntry>> articleFiles, List<List<String>> tagFiles) {
	}

	SitemapController(ArticleServiceClient articles, ServiceCalls calls, Categories categories, PageParts parts,
			XmlAnswers answers, SiteProperties properties) {
		this.articles = articles;
		this.calls = calls;
		this.categories = categories;
		this.parts = parts;
		this.answers = answers;
		this.properties = properties;
		this.catalog = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(properties.crawl().timeToLive()).build();
	}

	@GetMapping("/sitemap.xml")
	ResponseEntity<byte[]> index() {
		return this.answers.answer("sitemap", XmlAnswers.XML, () -> {
			Catalog catalog = catalog();
			List<List<ArticleEntry>> files = catalog.articleFiles();
			return Xml.document(xml -> {
				xml.writeStartElement("sitemapindex");
				xml.writeDefaultNamespace(NAMESPACE);
				sitemap(xml, "/sitemaps/pages.xml", null);
				for (int i = 0; i < catalog.tagFiles().size(); i++) {
					sitemap(xml, "/sitemaps/tags-" + (i + 1) + ".xml", null);
				}
				for (int i = 0; i < files.size(); i++) {
					Instant newest = files.get(i)
						.stream()
						.map(ArticleEntry::lastModified)
						.filter(Objects::nonNull)
						.max(Instant::compareTo)
						.orElse(null);
					sitemap(xml, "/sitemaps/articles-" + (i + 1) + ".xml", newest);
				}
				xml.writeEndElement();
			});
		});
	}

	@GetMapping("/sitemaps/articles-{number}.xml")
	ResponseEntity<byte[]> articles(@PathVariable int number) {
		return this.answers.answer("sitemap-articles-" + number, XmlAnswers.XML, () -> {
			List<List<ArticleEntry>> files = catalog().articleFiles();
			if (number < 1 || number > files.size()) {
				throw new NotFoundException("No sitemap file with that number.");
			}
			return Xml.document(xml -> {
				xml.writeStartElement("urlset");
				xml.writeDefaultNamespace(NAMESPACE);
				for (ArticleEntry article : files.get(number - 1)) {
					url(xml, "/articles/" + segment(article.slug()), article.lastModified());
				}
				xml.writeEndElement();
			});
		});
	}

	@GetMapping("/sitemaps/pages.xml")
	ResponseEntity<byte[]> pages() {
		return this.answers.answer("sitemap-pages", XmlAnswers.XML, () -> {
			List<String> paths = new ArrayList<>();
			paths.add("/");
			this.categories.keys().forEach(key -> paths.add("/category/" + segment(key)));
			paths.addAll(SITE_PAGES);
			return Xml.document(xml -> {
				xml.writeStartElement("urlset");
				xml.writeDefaultNamespace(NAMESPACE);
				for (String path : paths) {
					url(xml, path, null);
				}
				xml.writeEndElement();
			});
		});
	}

	@GetMapping("/sitemaps/tags-{number}.xml")
	ResponseEntity<byte[]> tags(@PathVariable int number) {
		return this.answers.answer("sitemap-tags-" + number, XmlAnswers.XML, () -> {
			List<List<String>> files = catalog().tagFiles();
			if (number < 1 || number > files.size()) {
				throw new NotFoundException("No sitemap file with that number.");
			}
			return Xml.document(xml -> {
				xml.writeStartElement("urlset");
				xml.writeDefaultNamespace(NAMESPACE);
				for (String tag : files.get(number - 1)) {
					url(xml, "/tags/" + segment(tag), null);
				}
				xml.writeEndElement();
			});
		});
	}

	/** Every published article and every tag, in files of the configured size. */
	private Catalog catalog() {
		return this.catalog.get("catalog", key -> readCatalog());
	}

	/** Forgets the articles read (tests). */
	void forget() {
		this.catalog.invalidateAll();
	}

	private Catalog readCatalog() {
		List<ArticleEntry> articles = readArticles();
		return new Catalog(split(articles), split(tags(articles)));
	}

	/**
	 * The tags of the published articles, most used first (then by name), and the hot
	 * tags (ranking-service, left out while it is down), each once.
	 */
	private List<String> tags(List<ArticleEntry> articles) {
		Map<String, Integer> counts = new HashMap<>();
		for (ArticleEntry article : articles) {
			if (article.tags() != null) {
				new LinkedHashSet<>(article.tags()).forEach(tag -> counts.merge(tag, 1, Integer::sum));
			}
		}
		Set<String> tags = new LinkedHashSet<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.forEach(entry -> tags.add(entry.getKey()));
		try {
			for (JsonNode hot : this.parts.hotTags()) {
				JsonNode tag = hot.get("tag");
				if (tag != null && tag.isString()) {
					tags.add(tag.asString());
				}
			}
		}
		catch (RuntimeException ex) {
			this.calls.degraded(Backend.RANKING, "sitemap without the hot tags", ex);
		}
		tags.removeIf(tag -> tag == null || tag.isBlank());
		return List.copyOf(tags);
	}

	private <T> List<List<T>> split(List<T> all) {
		int perFile = this.properties.crawl().urlsPerFile();
		List<List<T>> files = new ArrayList<>();
		for (int from = 0; from < all.size(); from += perFile) {
			files.add(List.copyOf(all.subList(from, Math.min(all.size(), from + perFile))));
		}
		return files;
	}

	/** Every published article, newest first, each once. */
	private List<ArticleEntry> readArticles() {
		List<ArticleEntry> all = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		Set<String> cursors = new HashSet<>();
		String cursor = null;
		do {
			String current = cursor;
			ArticleList page = this.calls.call(Backend.ARTICLE,
					() -> this.articles.list(null, null, ArticleServiceClient.MAX_PAGE_SIZE, current));
			for (ArticleEntry article : page.items()) {
				if (article.slug() != null && seen.add(article.slug())) {
					all.add(article);
				}
			}
			cursor = page.nextCursor();
		}
		while (cursor != null && cursors.add(cursor));
		return all;
	}

	private void sitemap(XMLStreamWriter xml, String path, Instant lastModified) throws XMLStreamException {
		entry(xml, "sitemap", path, lastModified);
	}

	private void url(XMLStreamWriter xml, String path, Instant lastModified) throws XMLStreamException {
		entry(xml, "url", path, lastModified);
	}

	private void entry(XMLStreamWriter xml, String element, String path, Instant lastModified)
			throws XMLStreamException {
		xml.writeStartElement(element);
		Xml.element(xml, "loc", this.properties.absolute(path));
		if (lastModified != null) {
			Xml.element(xml, "lastmod", DateTimeFormatter.ISO_INSTANT.format(lastModified));
		}
		xml.writeEndElement();
	}

	static String segment(String value) {
		return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
	}

}
