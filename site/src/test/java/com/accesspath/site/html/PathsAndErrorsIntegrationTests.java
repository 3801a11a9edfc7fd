package com.accesspath.site.html;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import com.accesspath.site.SiteIntegrationTestSupport;
import com.accesspath.site.StubBackend.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the servlet container and the filters in front of Spring MVC decide, over real
 * HTTP: odd characters in our own links, control characters in a search, the error path,
 * methods a page does not take, encoded unreserved characters, and unknown assets.
 */
class PathsAndErrorsIntegrationTests extends SiteIntegrationTestSupport {

	@BeforeEach
	void taxonomyAndSettings() {
		article.answer("GET /api/categories", 200, TAXONOMY);
		article.answer("GET /api/site", 200, HtmlPageIntegrationTests.SETTINGS);
	}

	/** The tag each list request asked for, decoded as article-service reads it. */
	private Queue<String> tagsAsked() {
		Queue<String> asked = new ConcurrentLinkedQueue<>();
		article.route("GET /api/articles", uri -> {
			String tag = param(uri, "tag");
			if (tag != null) {
				asked.add(tag);
			}
			return Answer.json("""
					{"items":[{"id":"a1","slug":"one","title":"第一篇","category":{"key":"policy","name":"政策"}}],
					 "nextCursor":null}""");
		});
		return asked;
	}

	@Test
	void tagsWithSeparatorsPercentAndSpacesAreLinkedAsOneSegmentAndReadBack() throws Exception {
		for (String tag : List.of("a/b", "50%", "c\\d", "x;y", "中文 标签")) {
			article.reset();
			this.parts.forget();
			taxonomyAndSettings();
			article.answer("GET /api/articles/openai-nato", 200,
					HtmlPageIntegrationTests.ARTICLE.replace("\"tags\":[\"OpenAI\"]", "\"tags\":[" + json(tag) + "]"));
			Queue<String> asked = tagsAsked();
			HttpResponse<String> articlePage = httpGet("/articles/openai-nato");
			assertThat(articlePage.statusCode()).isEqualTo(200);
			String href = "/tags/" + Cards.path(tag);
			assertThat(articlePage.body()).as(tag).contains("href=\"" + href + "\"");
			HttpResponse<String> tagPage = httpGet(href);
			assertThat(tagPage.statusCode()).as(href).isEqualTo(200);
			assertThat(asked).as(href).containsOnly(tag);
			assertThat(tagPage.body()).as(href).contains("<h1>#" + escape(tag) + "</h1>").contains("第一篇");
		}
	}

	@Test
	void controlCharactersInASearchAreThe400PageNeverEchoed() throws Exception {
		article.answer("GET /api/articles", 200, "{\"items\":[],\"nextCursor\":null}");
		for (String q : List.of("a%00b", "a%01b", "abc%1F", "x%7Fy", "%0D%0Aevil")) {
			HttpResponse<String> page = httpGet("/search?q=" + q);
			assertThat(page.statusCode()).as(q).isEqualTo(400);
			assertThat(page.body()).as(q).contains("data-page=\"bad-request\"").doesNotContain("evil");
		}
		assertThat(article.calls("GET /api/articles")).isZero();
		assertThat(httpGet("/search?q=%E5%A4%A7%E6%A8%A1%E5%9E%8B").statusCode()).isEqualTo(200);
	}

	@Test
	void anUnknownTagIsThe404PageWhateverTheCursor() throws Exception {
		article.route("GET /api/articles", uri -> {
			if (param(uri, "cursor") != null) {
				return new Answer(400, "{\"status\":400}", 0);
			}
			return Answer.json("nope".equals(param(uri, "tag")) ? "{\"items\":[],\"nextCursor\":null}" : """
					{"items":[{"id":"a1","slug":"one","title":"第一篇"}],"nextCursor":null}""");
		});
		HttpResponse<String> unknown = httpGet("/tags/nope?cursor=abc");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("data-page=\"not-found\"");
		// A tag that exists with a cursor article-service refuses stays a 400.
		HttpResponse<String> known = httpGet("/tags/RAG?cursor=abc");
		assertThat(known.statusCode()).isEqualTo(400);
		assertThat(known.body()).contains("data-page=\"bad-request\"");
	}

	@Test
	void anUnknownTagPastTheLastPageIsThe404Page() throws Exception {
		article.route("GET /api/articles",
				uri -> Answer.json("nope".equals(param(uri, "tag")) || param(uri, "cursor") != null
						? "{\"items\":[],\"nextCursor\":null}"
						: "{\"items\":[{\"id\":\"a1\",\"slug\":\"one\",\"title\":\"第一篇\"}],\"nextCursor\":null}"));
		assertThat(httpGet("/tags/nope?cursor=c2").statusCode()).isEqualTo(404);
		assertThat(httpGet("/tags/RAG?cursor=c2").statusCode()).isEqualTo(200);
	}

	@Test
	void theErrorPathAskedForIsThe404Page() throws Exception {
		for (String path : List.of("/error", "/error/")) {
			HttpResponse<String> page = httpGet(path);
			assertThat(page.statusCode()).as(path).isEqualTo(404);
			assertThat(page.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("text/html;charset=UTF-8");
			assertThat(page.body()).as(path).contains("data-page=\"not-found\"").contains("页面不存在");
		}
		// Errors the container dispatches still reach the error controller.
		assertThat(http("GET", "/assets/nope.js", null).statusCode()).isEqualTo(404);
	}

	@Test
	void otherMethodsOnPagesAre405WithAllow() throws Exception {
		article.answer("GET /api/site/pages/about", 200, "{\"slug\":\"about\",\"title\":\"关于\",\"body\":\"\"}");
		for (String[] request : new String[][] { { "POST", "/about" }, { "PUT", "/articles/openai-nato" },
				{ "DELETE", "/" }, { "PATCH", "/tags/RAG" }, { "POST", "/no/such/path" } }) {
			HttpResponse<String> page = http(request[0], request[1], "x=1", "Content-Type",
					"application/x-www-form-urlencoded");
			assertThat(page.statusCode()).as(String.join(" ", request)).isEqualTo(405);
			assertThat(page.headers().firstValue(HttpHeaders.ALLOW)).as(String.join(" ", request))
				.hasValue("GET, HEAD");
			assertThat(page.body()).as(String.join(" ", request)).contains("data-page=\"method-not-allowed\"");
		}
		HttpResponse<String> api = http("DELETE", "/api/pages/home", null);
		assertThat(api.statusCode()).isEqualTo(405);
		assertThat(api.headers().firstValue(HttpHeaders.ALLOW)).hasValue("GET, HEAD");
		assertThat(api.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		// The page itself is still there.
		assertThat(httpGet("/about").statusCode()).isEqualTo(200);
	}

	@Test
	void anEncodedUnreservedCharacterIsTheSamePath() throws Exception {
		article.answer("GET /api/site/pages/about", 200,
				"{\"slug\":\"about\",\"title\":\"关于我们\",\"body\":\"<p>团队</p>\"}");
		for (String path : List.of("/%61bout", "/%61%62%6F%75%74", "/abou%74")) {
			HttpResponse<String> moved = httpGet(path);
			assertThat(moved.statusCode()).as(path).isEqualTo(301);
			assertThat(moved.headers().firstValue(HttpHeaders.LOCATION)).as(path).hasValue("/about");
		}
		HttpResponse<String> page = httpGet("/about");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>关于我们</h1>").contains("<p>团队</p>");
		// Only unreserved characters are decoded; the query is kept as it is.
		HttpResponse<String> tag = httpGet("/tags/%7E%61%2Fb%20c?cursor=%61b");
		assertThat(tag.statusCode()).isEqualTo(301);
		assertThat(tag.headers().firstValue(HttpHeaders.LOCATION)).hasValue("/tags/~a%2Fb%20c?cursor=%61b");
	}

	@Test
	void anAssetThatIsNotThereIsNeverStored() throws Exception {
		for (String path : List.of("/assets/site.deadbeef.js", "/assets/site-0123456789abcdef0123456789abcdef.js",
				"/assets/nope.css")) {
			HttpResponse<String> answer = httpGet(path);
			assertThat(answer.statusCode()).as(path).isEqualTo(404);
			assertThat(answer.headers().allValues(HttpHeaders.CACHE_CONTROL)).as(path).containsExactly("no-store");
		}
		assertThat(httpGet("/assets/site.css").headers().firstValue(HttpHeaders.CACHE_CONTROL))
			.hasValue("max-age=300, public");
	}

	private static String param(URI uri, String name) {
		if (uri.getRawQuery() == null) {
			return null;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts[0].equals(name)) {
				return URLDecoder.decode((parts.length > 1) ? parts[1] : "", StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
