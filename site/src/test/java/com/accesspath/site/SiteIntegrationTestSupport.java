package com.accesspath.site;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * What every integration test of the site shares: the application in front of three stub
 * services, the same properties, so all of them run in one cached Spring context. Each
 * test starts with stubs that answer nothing (404), empty caches and closed breakers.
 */
@SpringBootTest
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

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.http.serviceclient.article-service.base-url", article::url);
		registry.add("spring.http.serviceclient.ranking-service.base-url", ranking::url);
		registry.add("spring.http.serviceclient.leads-service.base-url", leads::url);
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
		for (Backend backend : Backend.values()) {
			this.circuitBreakers.circuitBreaker(backend.serviceName()).reset();
		}
		this.parts.forget();
		this.renderedPages.forget();
		this.categories.expire();
	}

}
