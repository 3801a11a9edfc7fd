package com.accesspath.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site's forms posted without JavaScript ({@code POST /contact},
 * {@code POST /subscribe}) reach the site, under the strict per-client limit of the API's
 * contact and subscription writes (the same bucket), and with the body limit of every
 * anonymous write. Other writes to the site's paths are 405 at the gateway, and encoded
 * paths reach the site as they were sent.
 */
class SiteFormPostsIntegrationTests extends GatewayTestSupport {

	static final String FORM = "application/x-www-form-urlencoded";

	HttpRequest.Builder formPost(String path, String body) {
		return request(path).header("Content-Type", FORM).POST(HttpRequest.BodyPublishers.ofString(body));
	}

	@Test
	void aContactFormPostReachesTheSiteAndItsRedirectReachesTheReader() throws Exception {
		site.answer("POST /contact", 303, "", Map.of("Location", "/contact/sent"));
		HttpResponse<String> response = send(formPost("/contact", "name=%E6%9D%8E&consent=on"));
		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("Location")).hasValue("/contact/sent");
		assertThat(site.calls("POST /contact")).isEqualTo(1);
		// The site learns the client's address from the gateway.
		assertThat(site.lastHeaders("POST /contact").getFirst("X-Forwarded-For")).isNotBlank();
		assertThat(leads.calls("POST /api/contact")).isZero();
	}

	@Test
	void theSitesFormPageWithErrorsReachesTheReaderAsItIs() throws Exception {
		String page = "<!doctype html><html><body data-page=\"form\"><p class=\"form-error\">请检查</p></body></html>";
		site.answer("POST /subscribe", 400, page, Map.of("Content-Type", "text/html;charset=UTF-8"));
		HttpResponse<String> response = send(formPost("/subscribe", "email=x").header("Accept", "text/html"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).isEqualTo(page);
	}

	@Test
	void formPostsAreRateLimitedLikeTheApisContactAndSubscriptionWrites() throws Exception {
		site.answer("POST /contact", 303, "", Map.of("Location", "/contact/sent"));
		site.answer("POST /subscribe", 303, "", Map.of("Location", "/subscribe?sent=a%40b.cn"));
		leads.answer("POST /api/contact", 201, "{\"id\":\"x\"}");
		// The strict limit of the tests: three at once.
		assertThat(send(formPost("/contact", "name=a")).statusCode()).isEqualTo(303);
		assertThat(send(formPost("/subscribe", "email=a%40b.cn")).statusCode()).isEqualTo(303);
		assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(201);
		HttpResponse<String> limited = send(formPost("/contact", "name=a"));
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("50");
		assertThat(send(formPost("/subscribe", "email=a%40b.cn")).statusCode()).isEqualTo(429);
		assertThat(site.calls("POST /contact")).isEqualTo(1);
		assertThat(site.calls("POST /subscribe")).isEqualTo(1);
		// Pages are never limited.
		site.answer("GET /contact", 200, "<html>联系我们</html>", Map.of("Content-Type", "text/html;charset=UTF-8"));
		assertThat(send(request("/contact")).statusCode()).isEqualTo(200);
	}

	@Test
	void theDownloadFormsPostToTheSiteUnderTheSameLimit() throws Exception {
		site.answer("POST /guide", 303, "", Map.of("Location", "/guide/sent"));
		site.answer("POST /resources/ai-landing-guide/download", 303, "",
				Map.of("Location", "/resources/ai-landing-guide/download/sent"));
		assertThat(send(formPost("/guide", "email=a%40b.cn&consent=on")).statusCode()).isEqualTo(303);
		HttpResponse<String> download = send(formPost("/resources/ai-landing-guide/download", "email=a%40b.cn"));
		assertThat(download.statusCode()).isEqualTo(303);
		assertThat(download.headers().firstValue("Location")).hasValue("/resources/ai-landing-guide/download/sent");
		assertThat(send(formPost("/guide", "email=a%40b.cn")).statusCode()).isEqualTo(303);
		assertThat(send(formPost("/guide", "email=a%40b.cn")).statusCode()).isEqualTo(429);
		assertThat(site.calls("POST /guide")).isEqualTo(2);
		// Only the download page itself takes a post.
		assertThat(send(formPost("/resources/ai-landing-guide/download/sent", "x=1")).statusCode()).isEqualTo(405);
		assertThat(send(formPost("/resources/a/b/download", "x=1")).statusCode()).isEqualTo(405);
	}

	@Test
	void filesAreArticleServicesBehindTheStrictFirewall() throws Exception {
		article.answer("GET /media/ai-landing-guide.pdf", 200, "%PDF-1.7", Map.of("Content-Type", "application/pdf"));
		HttpResponse<String> file = send(request("/media/ai-landing-guide.pdf"));
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).isEqualTo("%PDF-1.7");
		for (String path : new String[] { "/media/..%2Fapplication.yml", "/media/%2E%2E%2Fapplication.yml",
				"/media/..%5Capplication.yml", "/media/x%3B.pdf", "/media/50%25.pdf" }) {
			assertThat(send(request(path)).statusCode()).as(path).isEqualTo(400);
		}
		assertThat(article.rawRequests()).containsExactly("GET /media/ai-landing-guide.pdf");
		assertThat(site.rawRequests()).isEmpty();
	}

	@Test
	void aFormPostOverTheBodyLimitIs413AndNeverReachesTheSite() throws Exception {
		HttpResponse<String> response = send(formPost("/contact", "message=" + "x".repeat(70 * 1024)));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(site.calls("POST /contact")).isZero();
	}

	@Test
	void otherWritesToThePagesAre405WithAllowAndNeverReachTheSite() throws Exception {
		for (HttpRequest.Builder request : new HttpRequest.Builder[] { formPost("/about", "x=1"),
				request("/articles/a").DELETE(), request("/").PUT(HttpRequest.BodyPublishers.ofString("x")),
				request("/contact").method("PATCH", HttpRequest.BodyPublishers.ofString("x")),
				request("/contact/sent").POST(HttpRequest.BodyPublishers.ofString("x")) }) {
			HttpResponse<String> response = send(request.header("Accept", "text/html"));
			assertThat(response.statusCode()).isEqualTo(405);
			assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
			assertThat(response.body()).contains("不支持的请求");
		}
		assertThat(site.rawRequests()).isEmpty();
		// The API's writes still reach their services.
		leads.answer("POST /api/contact", 201, "{\"id\":\"x\"}");
		assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(201);
	}

	@Test
	void encodedPathsReachTheSiteAsTheyWereSent() throws Exception {
		for (String path : new String[] { "/tags/a%2Fb", "/tags/50%25", "/tags/c%5Cd", "/tags/x%3By",
				"/tags/%E4%B8%AD%E6%96%87%20%E6%A0%87%E7%AD%BE", "/%61bout" }) {
			send(request(path).header("Accept", "text/html"));
		}
		assertThat(site.rawRequests()).containsExactly("GET /tags/a%2Fb", "GET /tags/50%25", "GET /tags/c%5Cd",
				"GET /tags/x%3By", "GET /tags/%E4%B8%AD%E6%96%87%20%E6%A0%87%E7%AD%BE", "GET /%61bout");
		// The API's paths keep the strict firewall.
		assertThat(send(request("/api/articles/a%2Fb")).statusCode()).isEqualTo(400);
		assertThat(send(request("/api/articles/50%25")).statusCode()).isEqualTo(400);
		// Also when the API's prefix is itself encoded (the routes match the decoded
		// path).
		assertThat(send(request("/%61pi/articles/a%2Fb")).statusCode()).isEqualTo(400);
		assertThat(send(request("/%61ctuator/x%3By")).statusCode()).isEqualTo(400);
		assertThat(article.rawRequests()).isEmpty();
	}

}
