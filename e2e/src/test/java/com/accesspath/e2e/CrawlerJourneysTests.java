package com.accesspath.e2e;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a search engine's crawler reads, as it reads it (no browser): the sitemap lists
 * every published article exactly once, the feeds are RSS 2.0, robots.txt names the
 * sitemap and keeps crawlers out of the consoles.
 */
@ExtendWith(Platform.class)
class CrawlerJourneysTests {

	private static final String SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";

	private static final Pattern SLUG = Pattern.compile("\"slug\":\"([^\"]+)\"");

	private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

	@Test
	void theSitemapListsEveryPublishedArticleExactlyOnceWithItsLastModification() throws Exception {
		// Other journeys publish articles; the sitemap is rendered anew every
		// SITE_CRAWL_TTL (2 s in these runs).
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> new HashSet<>(sitemapArticleUrls()).equals(publishedUrls()));
		List<String> listed = sitemapArticleUrls();
		Set<String> published = publishedUrls();
		assertThat(new HashSet<>(listed)).as("no article twice").hasSameSizeAs(listed);
		assertThat(new HashSet<>(listed)).isEqualTo(published);
	}

	/** The article URLs of all sitemap files of the index, in order, duplicates kept. */
	private static List<String> sitemapArticleUrls() throws Exception {
		Document index = xml("/sitemap.xml");
		assertThat(index.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
		List<String> articleUrls = new ArrayList<>();
		NodeList files = index.getElementsByTagNameNS(SITEMAPS, "loc");
		assertThat(files.getLength()).isGreaterThanOrEqualTo(2);
		for (int i = 0; i < files.getLength(); i++) {
			Document file = xml(pathOf(files.item(i).getTextContent()));
			assertThat(file.getDocumentElement().getLocalName()).isEqualTo("urlset");
			NodeList urls = file.getElementsByTagNameNS(SITEMAPS, "url");
			assertThat(urls.getLength()).isBetween(1, 50_000);
			for (int j = 0; j < urls.getLength(); j++) {
				Element url = (Element) urls.item(j);
				String loc = text(url, "loc");
				assertThat(loc).startsWith(Platform.GATEWAY + "/");
				if (loc.startsWith(Platform.GATEWAY + "/articles/")) {
					articleUrls.add(loc);
					assertThat(text(url, "lastmod")).as(loc).matches("\\d{4}-\\d{2}-\\d{2}.*");
				}
			}
		}
		return articleUrls;
	}

	private static Set<String> publishedUrls() throws Exception {
		Set<String> published = new HashSet<>();
		for (String slug : publishedSlugs()) {
			published.add(Platform.GATEWAY + "/articles/" + URLEncoder.encode(slug, StandardCharsets.UTF_8));
		}
		return published;
	}

	@Test
	void theFeedsAreRssWithTheNewestArticlesInFull() throws Exception {
		for (String path : List.of("/feed.xml", "/category/news/feed.xml", "/tags/OpenAI/feed.xml")) {
			Document feed = xml(path);
			assertThat(feed.getDocumentElement().getTagName()).as(path).isEqualTo("rss");
			assertThat(feed.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
			NodeList items = feed.getElementsByTagName("item");
			assertThat(items.getLength()).as(path).isBetween(1, 20);
			for (int i = 0; i < items.getLength(); i++) {
				Element item = (Element) items.item(i);
				for (String field : List.of("title", "link", "guid", "pubDate", "description")) {
					assertThat(text(item, field)).as(path + " item " + i + " " + field).isNotBlank();
				}
				assertThat(text(item, "link")).startsWith(Platform.GATEWAY + "/articles/");
			}
		}
		// The newest article first (the feed, too, is rendered anew every
		// SITE_CRAWL_TTL).
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> newestUrl().equals(firstFeedLink()));
		String newest = newestUrl();
		String first = firstFeedLink();
		assertThat(first).isEqualTo(newest);
	}

	@Test
	void robotsTxtNamesTheSitemapAndKeepsCrawlersOutOfTheConsolesAndReports() throws Exception {
		String robots = Platform.get("/robots.txt").body();
		assertThat(robots).contains("Sitemap: " + Platform.GATEWAY + "/sitemap.xml")
			.contains("Disallow: /console")
			.contains("Disallow: /api/admin")
			.contains("Disallow: /diagnosis/report/");
		assertThat(Platform.get("/sitemap.xml").statusCode()).isEqualTo(200);
	}

	private static String newestUrl() throws Exception {
		return Platform.GATEWAY + "/articles/" + URLEncoder.encode(publishedSlugs().get(0), StandardCharsets.UTF_8);
	}

	private static String firstFeedLink() throws Exception {
		return text((Element) xml("/feed.xml").getElementsByTagName("item").item(0), "link");
	}

	/** Every published article's slug, newest first, as the public API pages them. */
	private static List<String> publishedSlugs() throws Exception {
		List<String> slugs = new ArrayList<>();
		String cursor = null;
		do {
			String body = Platform
				.get("/api/articles?limit=50"
						+ ((cursor != null) ? "&cursor=" + URLEncoder.encode(cursor, "UTF-8") : ""))
				.body();
			int items = body.indexOf("\"items\"");
			Matcher slug = SLUG.matcher(body);
			while (slug.find()) {
				if (slug.start() > items) {
					slugs.add(slug.group(1));
				}
			}
			Matcher next = NEXT_CURSOR.matcher(body);
			cursor = next.find() ? next.group(1) : null;
		}
		while (cursor != null);
		return slugs;
	}

	private static Document xml(String path) throws Exception {
		var response = Platform.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
	}

	private static String pathOf(String absolute) {
		assertThat(absolute).startsWith(Platform.GATEWAY + "/");
		return absolute.substring(Platform.GATEWAY.length());
	}

	private static String text(Element parent, String name) {
		NodeList found = parent.getElementsByTagNameNS("*", name);
		if (found.getLength() == 0) {
			found = parent.getElementsByTagName(name);
		}
		return (found.getLength() == 0) ? null : found.item(0).getTextContent();
	}

}
