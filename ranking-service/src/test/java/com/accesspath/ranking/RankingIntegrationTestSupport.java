package com.accesspath.ranking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.accesspath.devstack.test.RealDatabases;
import com.accesspath.ranking.catalog.ArticleCatalog;
import com.accesspath.ranking.catalog.Categories;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.hotlist.HotListPublisher;
import com.accesspath.ranking.hotlist.HotListService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What every integration test of ranking-service shares: the application on real Redis
 * and MongoDB, one stub article-service, the same properties, so all of them run in one
 * cached Spring context. Each test starts from empty stores, an empty catalog, the site's
 * taxonomy and a closed circuit breaker.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "ranking-test")
public abstract class RankingIntegrationTestSupport {

	/** One for the whole run: the cached context keeps its address. */
	protected static final StubArticleService articleService = startStub();

	private static StubArticleService startStub() {
		try {
			StubArticleService stub = new StubArticleService();
			Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.http.serviceclient.article-service.base-url", articleService::url);
		registry.add("accesspath.ranking.repeat-window", () -> "2s");
		// The tests publish the hot lists themselves (publish()), and read them at once.
		registry.add("accesspath.ranking.hot-list-refresh", () -> "1h");
		registry.add("accesspath.ranking.hot-list-cache", () -> "0s");
		registry.add("accesspath.ranking.snapshot-interval", () -> "1h");
		registry.add("accesspath.ranking.catalog-time-to-live", () -> "1s");
		registry.add("accesspath.ranking.taxonomy-refresh", () -> "1h");
	}

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected HotListService hotLists;

	@Autowired
	protected HotListPublisher publisher;

	@Autowired
	protected RankingKeys keys;

	@Autowired
	protected ArticleCatalog catalog;

	@Autowired
	protected Categories categories;

	@Autowired
	protected CircuitBreakerRegistry circuitBreakers;

	@Autowired
	protected ApplicationContext context;

	@Autowired
	protected MeterRegistry meters;

	@BeforeEach
	void cleanState() {
		articleService.clear();
		this.circuitBreakers.circuitBreaker("article-service").reset();
		this.categories.refresh();
		flushRedis();
		// A fresh Redis with nothing to restore: claim the restore so it does not run
		// mid-test.
		restoredMarkers().forEach(marker -> this.redis.opsForValue().set(marker, "1"));
		this.mongo.dropCollection("viewTotals");
		this.mongo.dropCollection("viewHours");
		this.hotLists.forget();
		this.catalog.forget();
	}

	protected void flushRedis() {
		this.redis.execute((RedisCallback<Object>) connection -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	/** Every shard's "restored" marker: what an empty store holds in these tests. */
	protected List<String> restoredMarkers() {
		return this.keys.shards().stream().map(Shard::restoredMarker).toList();
	}

	/** One round of the hot-list leader: expiry and publication, as every few seconds. */
	protected void publish() {
		assertThat(this.publisher.tick()).as("this replica leads the hot lists").isTrue();
	}

	/** The articles in every shard's dirty set. */
	protected Set<String> dirtyArticles() {
		Set<String> dirty = new HashSet<>();
		for (Shard shard : this.keys.shards()) {
			Set<String> members = this.redis.opsForSet().members(shard.dirty());
			if (members != null) {
				dirty.addAll(members);
			}
		}
		return dirty;
	}

	protected ResultActions view(String articleId, String visitor) throws Exception {
		MockHttpServletRequestBuilder request = post("/api/views").contentType(MediaType.APPLICATION_JSON)
			.content("{\"articleId\": \"" + articleId + "\"}");
		if (visitor != null) {
			request.header("X-Visitor-Id", visitor);
		}
		return this.mvc.perform(request);
	}

	protected long total(String articleId) throws Exception {
		String body = this.mvc.perform(get("/api/views/" + articleId)).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.views")).longValue();
	}

}
