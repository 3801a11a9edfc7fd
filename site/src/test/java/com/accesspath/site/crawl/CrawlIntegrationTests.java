package com.accesspath.site.crawl;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import com.accesspath.site.SiteIntegrationTestSupport;
import com.accesspath.site.StubBackend.Answer;
import com.accesspath.site.content.SiteSettings;
import com.accesspath.site.crawl.PublishedArticles.Article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * robots.txt, the sitemaps and the feeds, each answer parsed with a namespace-aware XML
 * parser.
 */
class CrawlIntegrationTests extends SiteIntegrationTestSupport {

	@Autowired
	SiteSettings settings;

	static final String SITE = "https://www.example.cn";

	static final String SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";

	static final String HOSTILE = "</title><script>alert(1)</script>&";

	static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

	/** {@code count} articles, a day apart; the newest has a hostile title and body. */
	static List<Article> articles(int count) {
		List<Article> articles = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			Instant published = START.plusSeconds(86_400L * i);
			boolean hostile = i == count;
			articles.add(new Article("id" + i, "article-" + i, hostile ? HOSTILE : "文章 " + i,
					(i % 2 == 0) ? "policy" : "flash", (i % 3 == 0) ? List.of("大模型", "RAG") : List.of("RAG"), published,
					(i % 4 == 0) ? null : published.plusSeconds(3600),
					hostile ? "<p>正文 ]]> &amp; " + HOSTILE + "</p>" : "<p>正文 " + i + "</p>"));
		}
		return articles;
	}

	static Document parse(byte[] xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		DocumentBuilder builder = factory.newDocumentBuilder();
		return builder.parse(new ByteArrayInputStream(xml));
	}

	static List<String> texts(Document document, String namespace, String name) {
		NodeList nodes = document.getElementsByTagNameNS(namespace, name);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent());
		}
		return texts;
	}

	MvcResult xml(String path) throws Exception {
		return mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=0, public"))
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andReturn();
	}

	@Nested
	class Robots {

		@Test
		void allowsTheSiteDisallowsConsolesAdminAndReportsAndNamesTheSitemap() throws Exception {
			String robots = mvc.perform(get("/robots.txt"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/plain"))
				.andExpect(header().exists(HttpHeaders.ETAG))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(robots.lines()).contains("User-agent: *", "Allow: /", "Disallow: /console",
					"Disallow: /api/admin", "Disallow: /diagnosis/report/", "Sitemap: " + SITE + "/sitemap.xml");
		}

	}

	@Nested
	class Sitemaps {

		@Test
		void everyPublishedArticleIsListedExactlyOnceWithLastmodAcrossFilesOfAtMostTheLimit() throws Exception {
			List<Article> published = articles(8);
			PublishedArticles stub = new PublishedArticles(article, published);
			article.answer("GET /api/categories", 200, TAXONOMY);
			article.answer("GET /api/tags", 200, "[]");
			Document index = parse(xml("/sitemap.xml").getResponse().getContentAsByteArray());
			assertThat(index.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
			assertThat(index.getDocumentElement().getNamespaceURI()).isEqualTo(SITEMAPS);
			List<String> files = texts(index, SITEMAPS, "loc");
			assertThat(files).containsExactly(SITE + "/sitemaps/pages.xml", SITE + "/sitemaps/tags-1.xml",
					SITE + "/sitemaps/articles-1.xml", SITE + "/sitemaps/articles-2.xml",
					SITE + "/sitemaps/articles-3.xml");
			List<String> listed = new ArrayList<>();
			for (String file : files.subList(2, files.size())) {
				Document urlset = parse(xml(file.substring(SITE.length())).getResponse().getContentAsByteArray());
				assertThat(urlset.getDocumentElement().getLocalName()).isEqualTo("urlset");
				NodeList urls = urlset.getElementsByTagNameNS(SITEMAPS, "url");
				assertThat(urls.getLength()).isBetween(1, 3);
				for (int i = 0; i < urls.getLength(); i++) {
					Element url = (Element) urls.item(i);
					listed.add(url.getElementsByTagNameNS(SITEMAPS, "loc").item(0).getTextContent());
					String lastmod = url.getElementsByTagNameNS(SITEMAPS, "lastmod").item(0).getTextContent();
					assertThat(Instant.parse(lastmod)).isAfter(START);
				}
			}
			assertThat(listed).hasSize(8)
				.containsExactlyInAnyOrderElementsOf(
						published.stream().map(a -> SITE + "/articles/" + a.slug()).toList());
			// lastmod is updatedAt, or publishedAt when the article was never updated.
			Document first = parse(xml("/sitemaps/articles-3.xml").getResponse().getContentAsByteArray());
			assertThat(texts(first, SITEMAPS, "lastmod")).containsExactly(published.get(1).updatedAt().toString(),
					published.get(0).updatedAt().toString());
			Document second = parse(xml("/sitemaps/articles-2.xml").getResponse().getContentAsByteArray());
			assertThat(texts(second, SITEMAPS, "lastmod")).contains(published.get(3).publishedAt().toString());
			// Paged at article-service's largest page size.
			assertThat(stub.limitsAsked).containsOnly(50);
			mvc.perform(get("/sitemaps/articles-4.xml"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}

		@Test
		void manyPagesOfArticlesAreFollowedToTheEnd() throws Exception {
			new PublishedArticles(article, articles(120));
			Document index = parse(xml("/sitemap.xml").getResponse().getContentAsByteArray());
			// 120 articles, three per file, plus the pages file and one of two tags.
			assertThat(texts(index, SITEMAPS, "loc")).hasSize(42);
			assertThat(article.calls("GET /api/articles")).isEqualTo(3);
		}

		@Test
		void thePagesFileListsHomeCategoriesAndSitePagesAndTheTagsFilesEveryTag() throws Exception {
			List<Article> published = new ArrayList<>(articles(2));
			published.add(new Article("id9", "odd-tags", "奇怪的标签", "flash", List.of("a/b & c", "大模型"),
					START.plusSeconds(3600), null, "<p>正文</p>"));
			new PublishedArticles(article, published);
			article.answer("GET /api/categories", 200, TAXONOMY);
			ranking.answer("GET /api/rankings/tags", 200,
					"[{\"tag\":\"热词\",\"score\":9},{\"tag\":\"大模型\",\"score\":2}]");
			Document pages = parse(xml("/sitemaps/pages.xml").getResponse().getContentAsByteArray());
			List<String> locs = texts(pages, SITEMAPS, "loc");
			assertThat(locs).doesNotHaveDuplicates().noneMatch(loc -> loc.contains("/tags/"));
			assertThat(locs).containsExactlyInAnyOrder(SITE + "/", SITE + "/category/news", SITE + "/category/flash",
					SITE + "/category/product", SITE + "/category/tech", SITE + "/category/business",
					SITE + "/category/policy", SITE + "/category/startup", SITE + "/category/resources",
					SITE + "/category/research", SITE + "/category/frontier", SITE + "/insights", SITE + "/services",
					SITE + "/about", SITE + "/contact", SITE + "/privacy", SITE + "/terms", SITE + "/guide",
					SITE + "/diagnosis");
			// Most used first (RAG: 2 articles), then by name, then the hot tags not yet
			// listed; three per file.
			assertThat(tagLocs()).containsExactly(SITE + "/tags/RAG", SITE + "/tags/a%2Fb%20&%20c",
					SITE + "/tags/%E5%A4%A7%E6%A8%A1%E5%9E%8B", SITE + "/tags/%E7%83%AD%E8%AF%8D");
			// ranking down: the hot tags are left out, the tags of the articles are not.
			ranking.answer("GET /api/rankings/tags", 500, "{}");
			parts.forget();
			assertThat(tagLocs()).containsExactly(SITE + "/tags/RAG", SITE + "/tags/a%2Fb%20&%20c",
					SITE + "/tags/%E5%A4%A7%E6%A8%A1%E5%9E%8B");
		}

		@Test
		void everyTagWithAPublishedArticleIsListedNotOnlyTheTopHundred() throws Exception {
			List<Article> published = new ArrayList<>();
			List<String> expected = new ArrayList<>();
			for (int i = 1; i <= 130; i++) {
				String tag = String.format("标签-%03d", i);
				// Each article has its own tag and a shared one.
				published.add(new Article("t" + i, "tagged-" + i, "文章 " + i, "flash", List.of("共同", tag),
						START.plusSeconds(60L * i), null, "<p>正文</p>"));
				expected.add(SITE + "/tags/" + SitemapController.segment(tag));
			}
			expected.add(0, SITE + "/tags/" + SitemapController.segment("共同"));
			new PublishedArticles(article, published);
			article.answer("GET /api/tags", 200, "[{\"tag\":\"共同\",\"articles\":130}]");
			assertThat(tagLocs()).hasSize(131).containsExactlyElementsOf(expected);
			// 131 tags, three per file.
			Document index = parse(xml("/sitemap.xml").getResponse().getContentAsByteArray());
			assertThat(texts(index, SITEMAPS, "loc").stream().filter(loc -> loc.contains("/sitemaps/tags-")))
				.hasSize(44)
				.last()
				.isEqualTo(SITE + "/sitemaps/tags-44.xml");
			mvc.perform(get("/sitemaps/tags-45.xml")).andExpect(status().isNotFound());
		}

		/** The tag URLs of every tags file the index names, in order. */
		private List<String> tagLocs() throws Exception {
			Document index = parse(xml("/sitemap.xml").getResponse().getContentAsByteArray());
			List<String> locs = new ArrayList<>();
			for (String file : texts(index, SITEMAPS, "loc")) {
				if (file.startsWith(SITE + "/sitemaps/tags-")) {
					List<String> urls = texts(
							parse(xml(file.substring(SITE.length())).getResponse().getContentAsByteArray()), SITEMAPS,
							"loc");
					assertThat(urls).hasSizeBetween(1, 3);
					locs.addAll(urls);
				}
			}
			return locs;
		}

		@Test
		void anUnchangedSitemapIsA304() throws Exception {
			new PublishedArticles(article, articles(2));
			String etag = xml("/sitemap.xml").getResponse().getHeader(HttpHeaders.ETAG);
			mvc.perform(get("/sitemap.xml").header(HttpHeaders.IF_NONE_MATCH, etag))
				.andExpect(status().isNotModified())
				.andExpect(header().string(HttpHeaders.ETAG, etag));
		}

		@Test
		void articleServiceDownIsA503WithRetryAfterNeverAnEmptySitemap() throws Exception {
			article.answer("GET /api/articles", 500, "{}");
			mvc.perform(get("/sitemap.xml"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER))
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			mvc.perform(get("/sitemaps/articles-1.xml")).andExpect(status().isServiceUnavailable());
		}

		@Test
		void aFailureOnALaterPageIsA503Too() throws Exception {
			PublishedArticles stub = new PublishedArticles(article, articles(60));
			article.route("GET /api/articles",
					uri -> (uri.getQuery().contains("cursor")) ? new Answer(503, "{}", 0) : stub.pageFor(uri));
			mvc.perform(get("/sitemap.xml"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
		}

	}

	@Nested
	class Feeds {

		static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

		static final String DC = "http://purl.org/dc/elements/1.1/";

		@Test
		void theSiteFeedHasTheNewestTwentyWithEverythingAndHostileTextStaysText() throws Exception {
			List<Article> published = articles(25);
			new PublishedArticles(article, published);
			MvcResult result = xml("/feed.xml");
			assertThat(result.getResponse().getContentType()).startsWith("application/rss+xml");
			Document feed = parse(result.getResponse().getContentAsByteArray());
			assertThat(feed.getDocumentElement().getTagName()).isEqualTo("rss");
			assertThat(feed.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
			NodeList items = feed.getElementsByTagName("item");
			assertThat(items.getLength()).isEqualTo(20);
			Element newest = (Element) items.item(0);
			Article hostile = published.get(24);
			assertThat(child(newest, "title")).isEqualTo(HOSTILE);
			assertThat(feed.getElementsByTagName("script").getLength()).isZero();
			assertThat(child(newest, "link")).isEqualTo(SITE + "/articles/article-25");
			Element guid = (Element) newest.getElementsByTagName("guid").item(0);
			assertThat(guid.getAttribute("isPermaLink")).isEqualTo("true");
			assertThat(guid.getTextContent()).isEqualTo(SITE + "/articles/article-25");
			assertThat(ZonedDateTime.parse(child(newest, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
				.isEqualTo(hostile.publishedAt());
			assertThat(child(newest, "description")).isEqualTo("摘要 " + HOSTILE);
			assertThat(newest.getElementsByTagNameNS(DC, "creator").item(0).getTextContent()).isEqualTo("作者 id25");
			assertThat(newest.getElementsByTagNameNS(CONTENT, "encoded").item(0).getTextContent())
				.isEqualTo(hostile.body());
			assertThat(child((Element) items.item(19), "title")).isEqualTo("文章 6");
		}

		@Test
		void aCategoryFeedHasThatCategoryOnlyAndAnUnknownOneIsA404Problem() throws Exception {
			new PublishedArticles(article, articles(6));
			article.answer("GET /api/categories", 200, TAXONOMY);
			Document feed = parse(xml("/category/policy/feed.xml").getResponse().getContentAsByteArray());
			assertThat(child((Element) feed.getElementsByTagName("channel").item(0), "link"))
				.isEqualTo(SITE + "/category/policy");
			NodeList items = feed.getElementsByTagName("item");
			assertThat(items.getLength()).isEqualTo(3);
			for (int i = 0; i < items.getLength(); i++) {
				assertThat(child((Element) items.item(i), "category")).isEqualTo("名称 policy");
			}
			mvc.perform(get("/category/nope/feed.xml"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.status").value(404));
		}

		@Test
		void aTagFeedHasThatTagOnlyAndAnUnknownOneIsA404() throws Exception {
			new PublishedArticles(article, articles(6));
			Document feed = parse(xml("/tags/大模型/feed.xml").getResponse().getContentAsByteArray());
			assertThat(feed.getElementsByTagName("item").getLength()).isEqualTo(2);
			mvc.perform(get("/tags/nope/feed.xml"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}

		@Test
		void theFeedsCarryTheSiteNameOfTheSettingsAndTheDefaultOnlyWhenNoneWasEverRead() throws Exception {
			new PublishedArticles(article, articles(6));
			article.answer("GET /api/categories", 200, TAXONOMY);
			article.answer("GET /api/site", 200, "{\"name\":\"前途科技\"}");
			settings.forgetAll();
			assertThat(channelTitle("/feed.xml")).isEqualTo("前途科技");
			assertThat(channelTitle("/category/policy/feed.xml")).isEqualTo("前途科技 · 政策");
			assertThat(channelTitle("/tags/RAG/feed.xml")).isEqualTo("前途科技 · RAG");
			// article-service's settings down: the last name read is kept.
			article.answer("GET /api/site", 500, "{}");
			settings.expire();
			assertThat(channelTitle("/feed.xml")).isEqualTo("前途科技");
			// None ever read: the built-in name.
			settings.forgetAll();
			assertThat(channelTitle("/feed.xml")).isEqualTo(FeedController.SITE_NAME).isEqualTo("AccessPath");
		}

		private String channelTitle(String path) throws Exception {
			Document feed = parse(xml(path).getResponse().getContentAsByteArray());
			return child((Element) feed.getElementsByTagName("channel").item(0), "title");
		}

		@Test
		void articleServiceDownIsA503() throws Exception {
			article.answer("GET /api/articles", 500, "{}");
			mvc.perform(get("/feed.xml"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
		}

		private static String child(Element parent, String name) {
			NodeList nodes = parent.getElementsByTagName(name);
			for (int i = 0; i < nodes.getLength(); i++) {
				if (nodes.item(i).getParentNode() == parent) {
					return nodes.item(i).getTextContent();
				}
			}
			return null;
		}

	}

}
