package com.accesspath.site;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.site.backend.Backend;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.PageParts;
import com.accesspath.site.html.RenderedPages;

/**
 * What every integration test of the site shares: the application in front of four stub
 * services, the same properties, so all of them run in one cached Spring context. Each
 * test starts with stubs that answer nothing (404), empty caches and closed breakers. The
 * site listens on a real port too ({@link #http}), for what only the servlet container
 * and the filters in front of Spring MVC decide (path decoding, the firewall, error
 * dispatches).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
public abstract class SiteIntegrationTestSupport {

	/** The site's taxonomy as article-service serves it (the tests' own copy). */
	public static final String TAXONOMY = """
			[{"key":"news","name":"AI 资讯","children":[{"key":"flash","name":"快讯","children":[]},
			  {"key":"product","name":"产品","children":[]},{"key":"tech","name":"技术","children":[]},
			  {"key":"business","name":"商业","children":[]},{"key":"policy","name":"政策","children":[]},
			  {"key":"startup","name":"初创","children":[]}]},
			 {"key":"resources","name":"资源中心","children":[
			  {"key":"research","name":"深度研究","children":[{"key":"frontier","name":"AI 前沿","children":[]}]}]}]""";

	/** One of each for the whole run: the cached context keeps their addresses. */
	protected static final StubBackend article = new StubBackend();

	protected static final StubBackend ranking = new StubBackend();

	protected static final StubBackend leads = new StubBackend();

	protected static final StubBackend newsletter = new StubBackend();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.http.serviceclient.article-service.base-url", article::url);
		registry.add("spring.http.serviceclient.ranking-service.base-url", ranking::url);
		registry.add("spring.http.serviceclient.leads-service.base-url", leads::url);
		registry.add("spring.http.serviceclient.leads-forms.base-url", leads::url);
		registry.add("spring.http.serviceclient.newsletter-service.base-url", newsletter::url);
		registry.add("accesspath.site.url", () -> "https://www.example.cn");
		registry.add("accesspath.site.cache.time-to-live", () -> "300ms");
		registry.add("accesspath.site.cache.taxonomy-time-to-live", () -> "300ms");
		// Every sitemap and feed rendered anew; three URLs per sitemap file so a few
		// articles need several.
		registry.add("accesspath.site.crawl.time-to-live", () -> "0s");
		registry.add("accesspath.site.crawl.urls-per-file", () -> "3");
	}

	@Autowired
	protected MockMvc mvc;

	@LocalServerPort
	protected int port;

	@Autowired
	protected CircuitBreakerRegistry circuitBreakers;

	@Autowired
	protected PageParts parts;

	@Autowired
	protected Categories categories;

	@Autowired
	protected RenderedPages renderedPages;

	@BeforeEach
	void cleanState() {
		article.reset();
		ranking.reset();
		leads.reset();
		newsletter.reset();
		for (Backend backend : Backend.values()) {
			this.circuitBreakers.circuitBreaker(backend.serviceName()).reset();
		}
		this.parts.forget();
		this.renderedPages.forget();
		this.categories.expire();
	}

	/**
	 * A request to the running site over HTTP ({@code rawPath} is sent as it is, already
	 * encoded); {@code headers} are name, value pairs.
	 */
	protected HttpResponse<String> http(String method, String rawPath, String body, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + rawPath))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	protected HttpResponse<String> httpGet(String rawPath) throws IOException, InterruptedException {
		return http("GET", rawPath, null);
	}

	/**
	 * A form posted without JavaScript from client 203.0.113.7 (as the gateway tells the
	 * site), with a user agent.
	 */
	protected HttpResponse<String> formPost(String path, Map<String, String> fields)
			throws IOException, InterruptedException {
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return http("POST", path, body, "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For",
				"203.0.113.7", "User-Agent", "NoScript/1.0");
	}

}
