package com.accesspath.ranking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.devstack.DevStack;
import com.accesspath.devstack.test.RealDatabases;
import com.accesspath.devstack.test.TestDatabases;
import com.accesspath.ranking.hotlist.HotListService;
import com.accesspath.ranking.snapshot.TotalsSnapshot;
import com.accesspath.ranking.view.ViewRecorderAccess;
import com.accesspath.ranking.view.ViewRecorderAccess.Answer;
import com.accesspath.ranking.view.ViewRecorderAccess.View;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "ranking-test")
class RankingIntegrationTests {

	static final StubArticleService articleService = startStub();

	static StubArticleService startStub() {
		try {
			return new StubArticleService();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("accesspath.ranking.article-service-url", articleService::url);
		registry.add("accesspath.ranking.repeat-window", () -> "2s");
		registry.add("accesspath.ranking.hot-list-refresh", () -> "0s");
		registry.add("accesspath.ranking.snapshot-interval", () -> "1h");
		registry.add("accesspath.ranking.catalog-time-to-live", () -> "1s");
	}

	@AfterAll
	static void stopStub() {
		articleService.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	TotalsSnapshot snapshot;

	@Autowired
	HotListService hotLists;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	com.accesspath.ranking.catalog.ArticleCatalog catalog;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@BeforeEach
	void cleanState() {
		articleService.clear();
		this.redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
			connection.serverCommands().flushAll();
			return null;
		});
		// A fresh Redis with nothing to restore: claim the restore so it does not run mid-test.
		this.redis.opsForValue().set(RankingKeys.restoredMarker(), "1");
		this.mongo.dropCollection("viewTotals");
		this.hotLists.forget();
		this.catalog.forget();
	}

	ResultActions view(String articleId, String visitor) throws Exception {
		var request = post("/api/views").contentType(MediaType.APPLICATION_JSON).content("{\"articleId\": \"" + articleId + "\"}");
		if (visitor != null) {
			request.header("X-Visitor-Id", visitor);
		}
		return this.mvc.perform(request);
	}

	long total(String articleId) throws Exception {
		String body = this.mvc.perform(get("/api/views/" + articleId)).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.views")).longValue();
	}

	@Nested
	class RecordingViews {

		@Test
		void distinctVisitorsRaiseTheCountByExactlyNWith32Threads() throws Exception {
			articleService.add("a1", "policy", "OpenAI");
			int visitors = 640;
			ExecutorService pool = Executors.newFixedThreadPool(32);
			try {
				List<Callable<org.springframework.mock.web.MockHttpServletResponse>> calls = new ArrayList<>();
				for (int i = 0; i < visitors; i++) {
					String visitor = "visitor-" + i;
					calls.add(() -> view("a1", visitor).andReturn().getResponse());
					// Every visitor also retries once: retries must not count.
					calls.add(() -> view("a1", visitor).andReturn().getResponse());
				}
				List<Integer> countedTotals = new ArrayList<>();
				for (Future<org.springframework.mock.web.MockHttpServletResponse> result : pool.invokeAll(calls)) {
					assertThat(result.get().getStatus()).isEqualTo(202);
					String body = result.get().getContentAsString();
					if (JsonPath.<Boolean>read(body, "$.counted")) {
						countedTotals.add(JsonPath.read(body, "$.views"));
					}
				}
				// Each counted view was told a different total, from 1 to N: no view was counted twice or lost.
				assertThat(countedTotals).hasSize(visitors);
				assertThat(new java.util.TreeSet<>(countedTotals)).hasSize(visitors).first().isEqualTo(1);
				assertThat(java.util.Collections.max(countedTotals)).isEqualTo(visitors);
			}
			finally {
				pool.shutdown();
			}
			assertThat(total("a1")).isEqualTo(visitors);
			mvc.perform(get("/api/rankings/hot")).andExpect(jsonPath("$.items[0].views").value(visitors))
				.andExpect(jsonPath("$.items[0].totalViews").value(visitors));
		}

		@Test
		void sameVisitorCountsOnceWithinTheWindowAndAgainAfterIt() throws Exception {
			articleService.add("a1", "tech");
			view("a1", "v").andExpect(status().isAccepted())
				.andExpect(jsonPath("$.counted").value(true))
				.andExpect(jsonPath("$.views").value(1));
			view("a1", "v").andExpect(jsonPath("$.counted").value(false)).andExpect(jsonPath("$.views").value(1));
			Long ttl = redis.getExpire(RankingKeys.seen("a1", com.accesspath.ranking.view.ViewRecorderAccess.visitorKey("id:v")));
			assertThat(ttl).isBetween(1L, 2L);
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
					JsonPath.read(view("a1", "v").andReturn().getResponse().getContentAsString(), "$.counted"));
			assertThat(total("a1")).isEqualTo(2);
		}

		@Test
		void withoutAVisitorIdTheVisitorIsAddressAndUserAgent() throws Exception {
			articleService.add("a1", "tech");
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON).content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Firefox")).andExpect(jsonPath("$.counted").value(true));
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON).content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Firefox")).andExpect(jsonPath("$.counted").value(false));
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON).content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Safari")).andExpect(jsonPath("$.counted").value(true));
		}

		@Test
		void botsAndUnknownIdsMoveNothing() throws Exception {
			articleService.add("a1", "tech", "AI");
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON).content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Mozilla/5.0 (compatible; Googlebot/2.1)"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.counted").value(false));
			view("unknown-id", "v").andExpect(status().isNotFound());
			assertThat(redis.keys("rk:*")).containsExactly(RankingKeys.restoredMarker());
		}

		@Test
		void badInputIs400AndStoresNothing() throws Exception {
			int callsBefore = articleService.calls();
			for (String body : List.of("{}", "{\"articleId\": {\"$gt\": \"\"}}", "{\"articleId\": \"a b\"}", "{bad",
					"{\"articleId\": \"a1\", \"extra\": 1}", "{\"articleId\": null}", "{\"articleId\": \"a1\"} {}", "[]", "")) {
				mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON).content(body))
					.andExpect(status().isBadRequest())
					.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
					.andExpect(jsonPath("$.errors[0].field").value("articleId"));
			}
			assertThat(articleService.calls()).isEqualTo(callsBefore);
			assertThat(redis.keys("rk:*")).containsExactly(RankingKeys.restoredMarker());
		}

		@Test
		void everyKeyExpires() throws Exception {
			// An id of its own: the catalog keeps other tests' "a1" (with other tags) for a second.
			articleService.add("expiring", "tech", "AI", "大模型");
			view("expiring", "v");
			for (String key : redis.keys("rk:*")) {
				if (key.equals(RankingKeys.totals()) || key.equals(RankingKeys.restoredMarker())) {
					continue;
				}
				assertThat(redis.getExpire(key)).as(key).isPositive().isLessThanOrEqualTo(RankingKeys.BUCKET_TTL_SECONDS);
			}
			assertThat(redis.keys("rk:*")).hasSize(6);
		}

		@Test
		void aBatchAnswersEachViewAsIfAloneAndAddsUpItsCounterMoves() throws Exception {
			articleService.add("ba", "policy", "x", "y");
			view("ba", "v0").andExpect(jsonPath("$.views").value(1));
			List<Answer> answers = ViewRecorderAccess.writeAsOneBatch(context, List.of(
					new View("ba", "v1", "policy", List.of("x", "y")),
					new View("ba", "v1", "policy", List.of("x", "y")), // a repeat inside the batch
					new View("bb", "v1", "tech", List.of("y")),
					new View("ba", "v0", "policy", List.of("x", "y")), // a repeat of the view before the batch
					new View("ba", "v2", "policy", List.of("x", "y")),
					new View("bc", "v1", null, List.of())));
			assertThat(answers).containsExactly(new Answer(true, 2), new Answer(false, 2), new Answer(true, 1),
					new Answer(false, 2), new Answer(true, 3), new Answer(true, 1));
			assertThat(redis.opsForHash().entries(RankingKeys.totals())).isEqualTo(Map.of("ba", "3", "bb", "1", "bc", "1"));
			assertThat(scores("rk:{rk}:h:site:*")).isEqualTo(Map.of("ba", 3.0, "bb", 1.0, "bc", 1.0));
			assertThat(scores("rk:{rk}:h:cat:policy:*")).isEqualTo(Map.of("ba", 3.0));
			assertThat(scores("rk:{rk}:h:cat:tech:*")).isEqualTo(Map.of("bb", 1.0));
			assertThat(scores("rk:{rk}:h:tag:*")).isEqualTo(Map.of("x", 3.0, "y", 4.0));
			for (String bucket : redis.keys("rk:{rk}:h:*")) {
				assertThat(redis.getExpire(bucket)).as(bucket).isPositive();
			}
		}

		/** Members' scores summed over every key matching {@code pattern} (the hour may turn during a test). */
		Map<String, Double> scores(String pattern) {
			Map<String, Double> scores = new java.util.HashMap<>();
			for (String key : redis.keys(pattern)) {
				redis.opsForZSet().rangeWithScores(key, 0, -1)
					.forEach(tuple -> scores.merge(tuple.getValue(), tuple.getScore(), Double::sum));
			}
			return scores;
		}

		@Test
		void answersCarryTheUsualHeadersAndMetrics() throws Exception {
			articleService.add("h1", "tech");
			double accepted = requests("status", "202");
			double clientErrors = requests("outcome", "CLIENT_ERROR");
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON).content("{\"articleId\":\"h1\"}")
				.header("X-Request-Id", "req-123").header("X-Visitor-Id", "v"))
				.andExpect(status().isAccepted())
				.andExpect(header().string("X-Request-Id", "req-123"))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(jsonPath("$.articleId").value("h1"));
			view("h1", "w").andExpect(header().string("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}")));
			view("no-such", "v").andExpect(status().isNotFound())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
				.andExpect(jsonPath("$.status").value(404))
				.andExpect(jsonPath("$.instance").value("/api/views"));
			assertThat(requests("status", "202")).isEqualTo(accepted + 2);
			assertThat(requests("outcome", "CLIENT_ERROR")).isEqualTo(clientErrors + 1);
		}

		/** How many view requests {@code http.server.requests} has timed with this tag so far. */
		double requests(String tag, String value) {
			return meters.find("http.server.requests").tag("uri", "/api/views").tag(tag, value).timers().stream()
				.mapToDouble(io.micrometer.core.instrument.Timer::count).sum();
		}

		@Test
		void aBodyOverTheLimitIs413AndStoresNothing() throws Exception {
			String padding = "x".repeat(70 * 1024);
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON)
				.content("{\"articleId\":\"a1\",\"pad\":\"" + padding + "\"}"))
				.andExpect(status().isPayloadTooLarge())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"));
			assertThat(redis.keys("rk:*")).containsExactly(RankingKeys.restoredMarker());
		}

		@Test
		void aFailingBatchFailsItsOwnViewsAndTheWriterGoesOn() throws Exception {
			articleService.add("a1", "tech");
			// The totals key holding the wrong type makes the script fail in Redis.
			redis.opsForValue().set(RankingKeys.totals(), "not a hash");
			view("a1", "v1").andExpect(status().isServiceUnavailable()).andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			redis.delete(RankingKeys.totals());
			// The same writer goes on with the next views.
			view("a1", "v2").andExpect(status().isAccepted()).andExpect(jsonPath("$.counted").value(true))
				.andExpect(jsonPath("$.views").value(1));
			assertThat(ViewRecorderAccess.submit(context, "a1", "v3").get(5, java.util.concurrent.TimeUnit.SECONDS))
				.isEqualTo(new Answer(true, 2));
		}

		@Test
		void aBodyThatIsNotJsonIs415() throws Exception {
			articleService.add("a1", "tech");
			mvc.perform(post("/api/views").contentType(MediaType.TEXT_PLAIN).content("{\"articleId\":\"a1\"}"))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"));
			mvc.perform(post("/api/views").content("{\"articleId\":\"a1\"}")).andExpect(status().isUnsupportedMediaType());
			mvc.perform(post("/api/views").contentType("application/json; charset=UTF-8").content("{\"articleId\":\"a1\"}"))
				.andExpect(status().isAccepted());
		}

	}

	@Nested
	class HotLists {

		@Test
		void orderMatchesIndependentlyComputedCounts() throws Exception {
			Map<String, Integer> expected = new LinkedHashMap<>();
			String[] categories = { "policy", "tech", "finance", "business" };
			for (int i = 0; i < 12; i++) {
				String id = "art" + i;
				articleService.add(id, categories[i % categories.length], "tag" + (i % 3));
				int views = 1 + (i * 7) % 13 + i;
				expected.put(id, views);
				for (int v = 0; v < views; v++) {
					view(id, "visitor-" + v).andExpect(status().isAccepted());
				}
			}
			List<String> expectedOrder = expected.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
				.map(Map.Entry::getKey)
				.limit(10)
				.toList();
			String body = mvc.perform(get("/api/rankings/hot?window=24h&limit=10"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.window").value("24h"))
				.andExpect(jsonPath("$.items", hasSize(10)))
				.andExpect(jsonPath("$.items[0].rank").value(1))
				.andExpect(jsonPath("$.items[0].article.slug").exists())
				.andReturn().getResponse().getContentAsString();
			List<String> ids = JsonPath.read(body, "$.items[*].article.id");
			List<Integer> views = JsonPath.read(body, "$.items[*].views");
			assertThat(views).isSortedAccordingTo(Comparator.reverseOrder());
			for (int i = 0; i < ids.size(); i++) {
				assertThat(views.get(i)).isEqualTo(expected.get(ids.get(i)));
			}
			assertThat(new java.util.HashSet<>(ids)).isEqualTo(new java.util.HashSet<>(expectedOrder));
			mvc.perform(get("/api/rankings/hot?window=7d")).andExpect(jsonPath("$.window").value("7d"));
		}

		@Test
		void categoryMayBeALeafOrAGroup() throws Exception {
			articleService.add("p", "policy");
			articleService.add("f", "finance");
			view("p", "v1");
			view("f", "v1");
			view("f", "v2");
			mvc.perform(get("/api/rankings/hot?category=news")).andExpect(jsonPath("$.items[*].article.id").value(org.hamcrest.Matchers.contains("p")));
			mvc.perform(get("/api/rankings/hot?category=cases")).andExpect(jsonPath("$.items[*].article.id").value(org.hamcrest.Matchers.contains("f")));
			mvc.perform(get("/api/rankings/hot?category=finance")).andExpect(jsonPath("$.items[0].views").value(2));
			mvc.perform(get("/api/rankings/hot")).andExpect(jsonPath("$.items[*].article.id").value(org.hamcrest.Matchers.contains("f", "p")));
		}

		@Test
		void aServedListFollowsNewViewsAndIsCacheable() throws Exception {
			articleService.add("p", "policy");
			view("p", "v1");
			mvc.perform(get("/api/rankings/hot"))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=5, public"))
				.andExpect(jsonPath("$.items[0].views").value(1));
			view("p", "v2");
			mvc.perform(get("/api/rankings/hot")).andExpect(jsonPath("$.items[0].views").value(2));
			mvc.perform(get("/api/rankings/hot?limit=1")).andExpect(jsonPath("$.items", hasSize(1)));
			mvc.perform(get("/api/rankings/hot?window=&limit=")).andExpect(jsonPath("$.window").value("24h"))
				.andExpect(jsonPath("$.items", hasSize(1)));
			mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head("/api/rankings/hot"))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=5, public"))
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(""));
		}

		@Test
		void unknownCategoryIsAnEmptyListAndComputesNothing() throws Exception {
			articleService.add("p", "policy");
			view("p", "v1");
			mvc.perform(get("/api/rankings/hot?category=no-such-category"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items", hasSize(0)));
			assertThat(redis.keys("rk:{rk}:u:*no-such-category*")).isEmpty();
		}

		@Test
		void hotTagsByViews() throws Exception {
			articleService.add("a", "tech", "Agent", "RAG");
			articleService.add("b", "tech", "RAG");
			view("a", "v1");
			view("b", "v1");
			view("b", "v2");
			mvc.perform(get("/api/rankings/tags"))
				.andExpect(jsonPath("$[0].tag").value("RAG"))
				.andExpect(jsonPath("$[0].score").value(3))
				.andExpect(jsonPath("$[1].tag").value("Agent"))
				.andExpect(jsonPath("$[1].score").value(1));
		}

		@Test
		void badParametersAre400() throws Exception {
			mvc.perform(get("/api/rankings/hot?window=1h")).andExpect(status().isBadRequest());
			mvc.perform(get("/api/rankings/hot?limit=51")).andExpect(status().isBadRequest());
			mvc.perform(get("/api/rankings/hot?limit=0")).andExpect(status().isBadRequest());
			mvc.perform(get("/api/rankings/hot?limit=ten")).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("limit"));
			mvc.perform(get("/api/rankings/hot?category=" + "c".repeat(41))).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("category"));
		}

	}

	@Nested
	class NothingLost {

		@Test
		void totalsComeBackAfterFlushallFromTheSnapshot() throws Exception {
			articleService.add("a1", "tech");
			articleService.add("a2", "tech");
			for (int i = 0; i < 5; i++) {
				view("a1", "v" + i);
			}
			view("a2", "v");
			assertThat(snapshot.snapshot()).isEqualTo(2);
			redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
				connection.serverCommands().flushAll();
				return null;
			});
			// A view counted after the wipe and before the restore is kept too.
			view("a1", "after-wipe");
			snapshot.tick();
			assertThat(total("a1")).isEqualTo(6);
			assertThat(total("a2")).isEqualTo(1);
			snapshot.tick();
			assertThat(total("a1")).as("restored once only").isEqualTo(6);
		}

		@Test
		void articleServiceDownCachedArticlesStillCountUncachedGet503() throws Exception {
			articleService.add("cached", "tech");
			articleService.add("uncached", "tech");
			view("cached", "v1").andExpect(status().isAccepted());
			articleService.setFailing(true);
			view("cached", "v2").andExpect(status().isAccepted()).andExpect(jsonPath("$.views").value(2));
			view("uncached", "v1").andExpect(status().isServiceUnavailable()).andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			assertThat(redis.keys("rk:{rk}:seen:uncached*")).isEmpty();
			// Past the catalog's freshness, a known article keeps counting while article-service stays down.
			await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
			view("cached", "v3").andExpect(status().isAccepted()).andExpect(jsonPath("$.views").value(3));
		}

		@Test
		void redisOutageGives503QuicklyAndRecoversWithoutRestart() throws Exception {
			DevStack devStack = TestDatabases.get().devStack().orElse(null);
			org.junit.jupiter.api.Assumptions.assumeTrue(devStack != null, "drills Redis through devstack");
			articleService.add("a1", "tech");
			view("a1", "v1").andExpect(status().isAccepted());
			mvc.perform(get("/api/rankings/hot")).andExpect(status().isOk());
			hotLists.forget();
			mvc.perform(get("/api/rankings/hot")).andExpect(status().isOk());
			devStack.stopRedis();
			try {
				long started = System.nanoTime();
				view("a1", "v2").andExpect(status().isServiceUnavailable()).andExpect(header().exists(HttpHeaders.RETRY_AFTER));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
				mvc.perform(get("/api/rankings/hot"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.stale").value(true))
					.andExpect(jsonPath("$.items[0].article.id").value("a1"));
				mvc.perform(get("/api/views/a1")).andExpect(status().isServiceUnavailable());
			}
			finally {
				devStack.startRedis();
				await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> "PONG".equals(redis.execute(
						(org.springframework.data.redis.core.RedisCallback<String>) connection -> connection.ping())));
			}
			view("a1", "v3").andExpect(status().isAccepted());
		}

	}

}
