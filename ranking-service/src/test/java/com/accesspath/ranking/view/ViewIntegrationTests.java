package com.accesspath.ranking.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import com.accesspath.ranking.RankingIntegrationTestSupport;
import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.view.ViewRecorderAccess.Answer;
import com.accesspath.ranking.view.ViewRecorderAccess.View;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/views}, {@code GET /api/views/{id}} and {@code GET /api/views?ids=} on
 * real Redis, with a stub article-service.
 */
class ViewIntegrationTests extends RankingIntegrationTestSupport {

	@Nested
	class ReadingManyTotals {

		static final String VIEWED_TWICE = "6650c3f1e4b0a72b9c0d1e2f";

		static final String VIEWED_ONCE = "6650c3f1e4b0a72b9c0d1e30";

		static final String NEVER_VIEWED = "6650c3f1e4b0a72b9c0d1e31";

		@Test
		void answersTheIdsInTheOrderGivenWithZeroForAnArticleNeverViewed() throws Exception {
			articleService.add(VIEWED_TWICE, "tech");
			articleService.add(VIEWED_ONCE, "tech");
			view(VIEWED_TWICE, "v1").andExpect(status().isAccepted());
			view(VIEWED_TWICE, "v2").andExpect(status().isAccepted());
			view(VIEWED_ONCE, "v1").andExpect(status().isAccepted());
			mvc.perform(get("/api/views").param("ids", NEVER_VIEWED + "," + VIEWED_TWICE + "," + VIEWED_ONCE))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items[*].articleId").value(contains(NEVER_VIEWED, VIEWED_TWICE, VIEWED_ONCE)))
				.andExpect(jsonPath("$.items[*].views").value(contains(0, 2, 1)));
			// The same counts as one article's own endpoint gives.
			assertThat(total(VIEWED_TWICE)).isEqualTo(2);
		}

		@Test
		void anIdGivenTwiceIsAnsweredOnceWhereItFirstStands() throws Exception {
			articleService.add(VIEWED_ONCE, "tech");
			view(VIEWED_ONCE, "v1").andExpect(status().isAccepted());
			mvc.perform(get("/api/views").param("ids", VIEWED_ONCE + "," + NEVER_VIEWED + "," + VIEWED_ONCE))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items[*].articleId").value(contains(VIEWED_ONCE, NEVER_VIEWED)))
				.andExpect(jsonPath("$.items[*].views").value(contains(1, 0)));
		}

		@Test
		void aHundredIdsAreReadWithOneCommandPerShardNotOnePerId() throws Exception {
			List<String> ids = IntStream.rangeClosed(1, 100).mapToObj(i -> "%024x".formatted(i)).toList();
			articleService.add(ids.get(41), "tech");
			view(ids.get(41), "v1").andExpect(status().isAccepted());
			redis.execute((RedisCallback<Void>) connection -> {
				connection.serverCommands().resetConfigStats();
				return null;
			});
			mvc.perform(get("/api/views").param("ids", String.join(",", ids)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items.length()").value(100))
				.andExpect(jsonPath("$.items[41].articleId").value(ids.get(41)))
				.andExpect(jsonPath("$.items[41].views").value(1))
				.andExpect(jsonPath("$.items[0].views").value(0));
			assertThat(commandCalls("hmget")).isBetween(1L, (long) keys.shards().size());
			assertThat(commandCalls("hget")).isZero();
		}

		@Test
		void aListItDoesNotTakeIs400() throws Exception {
			String hundredAndOne = String.join(",",
					IntStream.rangeClosed(1, 101).mapToObj(i -> "%024x".formatted(i)).toList());
			for (String ids : List.of("", ",", hundredAndOne, VIEWED_ONCE + ",", VIEWED_ONCE + ",," + NEVER_VIEWED,
					"a1", "6650c3f1e4b0a72b9c0d1e2g", "6650C3F1E4B0A72B9C0D1E2F", "6650c3f1e4b0a72b9c0d1e2f0",
					" " + VIEWED_ONCE, "{\"$gt\": \"\"}", "6650c3f1e4b0a72b9c0d1e2\u0000")) {
				mvc.perform(get("/api/views").param("ids", ids))
					.andExpect(status().isBadRequest())
					.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
					.andExpect(jsonPath("$.errors[0].field").value("ids"));
			}
			mvc.perform(get("/api/views"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("ids"));
		}

		@Test
		void theApiDocumentHasTheReadBesideTheRecordingOnTheSamePath() throws Exception {
			mvc.perform(get("/v3/api-docs"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.paths['/api/views'].get.operationId").value("getViewsOfArticles"))
				.andExpect(jsonPath("$.paths['/api/views'].get.responses['400']").exists())
				.andExpect(jsonPath("$.paths['/api/views'].post.operationId").exists());
		}

		private long commandCalls(String command) {
			java.util.Properties stats = redis
				.execute((RedisCallback<java.util.Properties>) connection -> connection.serverCommands()
					.info("commandstats"));
			String line = stats.getProperty("cmdstat_" + command);
			if (line == null) {
				return 0;
			}
			java.util.regex.Matcher calls = java.util.regex.Pattern.compile("calls=(\\d+)").matcher(line);
			assertThat(calls.find()).as(line).isTrue();
			return Long.parseLong(calls.group(1));
		}

	}

	@Nested
	class RecordingViews {

		@Test
		void distinctVisitorsRaiseTheCountByExactlyNWith32Threads() throws Exception {
			articleService.add("a1", "policy", "OpenAI");
			int visitors = 640;
			ExecutorService pool = Executors.newFixedThreadPool(32);
			try {
				List<Callable<MockHttpServletResponse>> calls = new ArrayList<>();
				for (int i = 0; i < visitors; i++) {
					String visitor = "visitor-" + i;
					calls.add(() -> view("a1", visitor).andReturn().getResponse());
					// Every visitor also retries once: retries must not count.
					calls.add(() -> view("a1", visitor).andReturn().getResponse());
				}
				List<Integer> countedTotals = new ArrayList<>();
				for (Future<MockHttpServletResponse> result : pool.invokeAll(calls)) {
					assertThat(result.get().getStatus()).isEqualTo(202);
					String body = result.get().getContentAsString();
					if (JsonPath.<Boolean>read(body, "$.counted")) {
						countedTotals.add(JsonPath.read(body, "$.views"));
					}
				}
				// Each counted view was told a different total, from 1 to N: no view was
				// counted twice or lost.
				assertThat(countedTotals).hasSize(visitors);
				assertThat(new TreeSet<>(countedTotals)).hasSize(visitors).first().isEqualTo(1);
				assertThat(Collections.max(countedTotals)).isEqualTo(visitors);
			}
			finally {
				pool.shutdown();
			}
			assertThat(total("a1")).isEqualTo(visitors);
			publish();
			mvc.perform(get("/api/rankings/hot"))
				.andExpect(jsonPath("$.items[0].views").value(visitors))
				.andExpect(jsonPath("$.items[0].totalViews").value(visitors));
		}

		@Test
		void sameVisitorCountsOnceWithinTheWindowAndAgainAfterIt() throws Exception {
			articleService.add("a1", "tech");
			view("a1", "v").andExpect(status().isAccepted())
				.andExpect(jsonPath("$.counted").value(true))
				.andExpect(jsonPath("$.views").value(1));
			view("a1", "v").andExpect(jsonPath("$.counted").value(false)).andExpect(jsonPath("$.views").value(1));
			Long ttl = redis.getExpire(keys.shardOf("a1").seen("a1", ViewRecorderAccess.visitorKey("id:v")));
			assertThat(ttl).isBetween(1L, 2L);
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> JsonPath.read(view("a1", "v").andReturn().getResponse().getContentAsString(),
						"$.counted"));
			assertThat(total("a1")).isEqualTo(2);
		}

		@Test
		void withoutAVisitorIdTheVisitorIsAddressAndUserAgent() throws Exception {
			articleService.add("a1", "tech");
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON)
				.content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Firefox")).andExpect(jsonPath("$.counted").value(true));
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON)
				.content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Firefox")).andExpect(jsonPath("$.counted").value(false));
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON)
				.content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Safari")).andExpect(jsonPath("$.counted").value(true));
		}

		@Test
		void botsAndUnknownIdsMoveNothing() throws Exception {
			articleService.add("a1", "tech", "AI");
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON)
				.content("{\"articleId\":\"a1\"}")
				.header(HttpHeaders.USER_AGENT, "Mozilla/5.0 (compatible; Googlebot/2.1)"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.counted").value(false));
			view("unknown-id", "v").andExpect(status().isNotFound());
			assertThat(redis.keys("rk:*")).containsExactlyInAnyOrderElementsOf(restoredMarkers());
		}

		@Test
		void badInputIs400AndStoresNothing() throws Exception {
			int callsBefore = articleService.calls();
			for (String body : List.of("{}", "{\"articleId\": {\"$gt\": \"\"}}", "{\"articleId\": \"a b\"}", "{bad",
					"{\"articleId\": \"a1\", \"extra\": 1}", "{\"articleId\": null}", "{\"articleId\": \"a1\"} {}",
					"[]", "")) {
				mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON).content(body))
					.andExpect(status().isBadRequest())
					.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
					.andExpect(jsonPath("$.errors[0].field").value("articleId"));
			}
			assertThat(articleService.calls()).isEqualTo(callsBefore);
			assertThat(redis.keys("rk:*")).containsExactlyInAnyOrderElementsOf(restoredMarkers());
		}

		@Test
		void everyKeyExpires() throws Exception {
			// An id of its own: the catalog keeps other tests' "a1" (with other tags) for
			// a second.
			articleService.add("expiring", "tech", "AI", "大模型");
			view("expiring", "v");
			Shard shard = keys.shardOf("expiring");
			// Lasting state: the totals, the restore markers, the articles whose total
			// the next snapshot writes, and the rolling windows (the hot-list leader
			// subtracts each hour from them once it has left the window).
			List<String> lasting = new ArrayList<>(List.of(shard.totals(), shard.dirty(), shard.siteWindow("24h"),
					shard.siteWindow("7d"), shard.categoryWindow("24h", "tech"), shard.categoryWindow("7d", "tech"),
					shard.tagWindow()));
			lasting.addAll(restoredMarkers());
			for (String key : redis.keys("rk:*")) {
				if (lasting.contains(key)) {
					continue;
				}
				assertThat(redis.getExpire(key)).as(key)
					.isPositive()
					.isLessThanOrEqualTo(RankingKeys.BUCKET_TTL_SECONDS);
			}
			// The seen marker, three hour buckets and the hour's leaves expire.
			assertThat(redis.keys("rk:*")).hasSize(lasting.size() + 5);
		}

		@Test
		void aBatchAnswersEachViewAsIfAloneAndAddsUpItsCounterMoves() throws Exception {
			articleService.add("ba", "policy", "x", "y");
			view("ba", "v0").andExpect(jsonPath("$.views").value(1));
			List<Answer> answers = ViewRecorderAccess.writeAsOneBatch(context,
					List.of(new View("ba", "v1", "policy", List.of("x", "y")),
							new View("ba", "v1", "policy", List.of("x", "y")), // a repeat
																				// inside
																				// the
																				// batch
							new View("bb", "v1", "tech", List.of("y")),
							new View("ba", "v0", "policy", List.of("x", "y")), // a repeat
																				// of the
																				// view
																				// before
																				// the
																				// batch
							new View("ba", "v2", "policy", List.of("x", "y")), new View("bc", "v1", null, List.of())));
			assertThat(answers).containsExactly(new Answer(true, 2), new Answer(false, 2), new Answer(true, 1),
					new Answer(false, 2), new Answer(true, 3), new Answer(true, 1));
			Map<Object, Object> totals = new HashMap<>();
			keys.shards().forEach(shard -> totals.putAll(redis.opsForHash().entries(shard.totals())));
			assertThat(totals).isEqualTo(Map.of("ba", "3", "bb", "1", "bc", "1"));
			assertThat(scores("rk:*:h:site:*")).isEqualTo(Map.of("ba", 3.0, "bb", 1.0, "bc", 1.0));
			assertThat(scores("rk:*:w:24h:site")).isEqualTo(Map.of("ba", 3.0, "bb", 1.0, "bc", 1.0));
			assertThat(scores("rk:*:w:7d:site")).isEqualTo(Map.of("ba", 3.0, "bb", 1.0, "bc", 1.0));
			assertThat(scores("rk:*:h:cat:policy:*")).isEqualTo(Map.of("ba", 3.0));
			assertThat(scores("rk:*:w:7d:cat:policy")).isEqualTo(Map.of("ba", 3.0));
			assertThat(scores("rk:*:h:cat:tech:*")).isEqualTo(Map.of("bb", 1.0));
			assertThat(scores("rk:*:w:24h:cat:tech")).isEqualTo(Map.of("bb", 1.0));
			assertThat(scores("rk:*:h:tag:*")).isEqualTo(Map.of("x", 3.0, "y", 4.0));
			assertThat(scores("rk:*:w:7d:tag")).isEqualTo(Map.of("x", 3.0, "y", 4.0));
			for (String bucket : redis.keys("rk:*:h:*")) {
				assertThat(redis.getExpire(bucket)).as(bucket).isPositive();
			}
		}

		/**
		 * Members' scores summed over every key matching {@code pattern} (the hour may
		 * turn during a test).
		 */
		Map<String, Double> scores(String pattern) {
			Map<String, Double> scores = new HashMap<>();
			for (String key : redis.keys(pattern)) {
				redis.opsForZSet()
					.rangeWithScores(key, 0, -1)
					.forEach(tuple -> scores.merge(tuple.getValue(), tuple.getScore(), Double::sum));
			}
			return scores;
		}

		@Test
		void answersCarryTheUsualHeadersAndMetrics() throws Exception {
			articleService.add("h1", "tech");
			double accepted = requests("status", "202");
			double clientErrors = requests("outcome", "CLIENT_ERROR");
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON)
				.content("{\"articleId\":\"h1\"}")
				.header("X-Request-Id", "req-123")
				.header("X-Visitor-Id", "v"))
				.andExpect(status().isAccepted())
				.andExpect(header().string("X-Request-Id", "req-123"))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(jsonPath("$.articleId").value("h1"));
			view("h1", "w").andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f-]{36}")));
			view("no-such", "v").andExpect(status().isNotFound())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
				.andExpect(jsonPath("$.status").value(404))
				.andExpect(jsonPath("$.instance").value("/api/views"));
			assertThat(requests("status", "202")).isEqualTo(accepted + 2);
			assertThat(requests("outcome", "CLIENT_ERROR")).isEqualTo(clientErrors + 1);
		}

		/**
		 * How many view requests {@code http.server.requests} has timed with this tag so
		 * far.
		 */
		double requests(String tag, String value) {
			return meters.find("http.server.requests")
				.tag("uri", "/api/views")
				.tag(tag, value)
				.timers()
				.stream()
				.mapToDouble(Timer::count)
				.sum();
		}

		@Test
		void aBodyOverTheLimitIs413AndStoresNothing() throws Exception {
			String padding = "x".repeat(70 * 1024);
			mvc.perform(post("/api/views").contentType(MediaType.APPLICATION_JSON)
				.content("{\"articleId\":\"a1\",\"pad\":\"" + padding + "\"}"))
				.andExpect(status().isPayloadTooLarge())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"));
			assertThat(redis.keys("rk:*")).containsExactlyInAnyOrderElementsOf(restoredMarkers());
		}

		@Test
		void aFailingBatchFailsItsOwnViewsAndTheWriterGoesOn() throws Exception {
			articleService.add("a1", "tech");
			// The totals key holding the wrong type makes the script fail in Redis.
			redis.opsForValue().set(keys.shardOf("a1").totals(), "not a hash");
			view("a1", "v1").andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			redis.delete(keys.shardOf("a1").totals());
			// The same writer goes on with the next views.
			view("a1", "v2").andExpect(status().isAccepted())
				.andExpect(jsonPath("$.counted").value(true))
				.andExpect(jsonPath("$.views").value(1));
			assertThat(ViewRecorderAccess.submit(context, "a1", "v3").get(5, TimeUnit.SECONDS))
				.isEqualTo(new Answer(true, 2));
		}

		@Test
		void aBodyThatIsNotJsonIs415() throws Exception {
			articleService.add("a1", "tech");
			mvc.perform(post("/api/views").contentType(MediaType.TEXT_PLAIN).content("{\"articleId\":\"a1\"}"))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"));
			mvc.perform(post("/api/views").content("{\"articleId\":\"a1\"}"))
				.andExpect(status().isUnsupportedMediaType());
			mvc.perform(
					post("/api/views").contentType("application/json; charset=UTF-8").content("{\"articleId\":\"a1\"}"))
				.andExpect(status().isAccepted());
		}

	}

}
