package com.accesspath.site.pages;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import com.accesspath.site.SiteIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The composed client pages (API.md, "Pages for clients"), moved from the gateway with
 * its tests, and what they do when the services misbehave.
 */
class PageIntegrationTests extends SiteIntegrationTestSupport {

	static final String ARTICLE = """
			{"id":"6b08db539bd873ae116c8e13","slug":"openai-nato","title":"OpenAI 与北约","summary":"s",
			 "body":"<p>b</p>","category":{"key":"policy","name":"政策"},"tags":["OpenAI"],
			 "author":{"name":"量子位"},"status":"PUBLISHED","publishedAt":"2026-03-04T08:00:00Z",
			 "updatedAt":"2026-03-04T08:00:00Z","readingMinutes":1,"version":1}""";

	@Autowired
	RetryRegistry retries;

	@Nested
	class ArticlePage {

		@Test
		void hasEverythingWhenAllAreUp() throws Exception {
			article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
			article.answer("GET /api/articles/openai-nato/related", 200, "[{\"id\":\"r1\"}]");
			ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 200, "{\"articleId\":\"x\",\"views\":42}");
			ranking.answer("GET /api/rankings/hot", 200, "{\"items\":[{\"rank\":1}]}");
			mvc.perform(get("/api/pages/article/openai-nato"))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=5, public"))
				.andExpect(jsonPath("$.article.title").value("OpenAI 与北约"))
				.andExpect(jsonPath("$.article.body").value("<p>b</p>"))
				.andExpect(jsonPath("$.views").value(42))
				.andExpect(jsonPath("$.related[0].id").value("r1"))
				.andExpect(jsonPath("$.hot[0].rank").value(1));
		}

		@Test
		void degradesWhenRankingIsDown() throws Exception {
			article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
			article.answer("GET /api/articles/openai-nato/related", 200, "[{\"id\":\"r1\"}]");
			ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 500, "{}");
			ranking.answer("GET /api/rankings/hot", 500, "{}");
			mvc.perform(get("/api/pages/article/openai-nato"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.article.title").value("OpenAI 与北约"))
				.andExpect(jsonPath("$.views").value((Object) null))
				.andExpect(jsonPath("$.hot").isEmpty())
				.andExpect(jsonPath("$.related[0].id").value("r1"));
			// Idempotent reads: one more attempt after a 5xx, no more.
			assertThat(ranking.calls("GET /api/rankings/hot")).isEqualTo(2);
		}

		@Test
		void missingArticleIsA404ProblemAndNeverRetried() throws Exception {
			mvc.perform(get("/api/pages/article/nope"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.status").value(404));
			assertThat(article.calls("GET /api/articles/nope")).isEqualTo(1);
			// 404s are answers: they never open the breaker.
			for (int i = 0; i < 10; i++) {
				mvc.perform(get("/api/pages/article/nope")).andExpect(status().isNotFound());
			}
			assertThat(circuitBreakers.circuitBreaker("article-service").getState().name()).isEqualTo("CLOSED");
		}

		@Test
		void articleServiceDownIsA503WithRetryAfter() throws Exception {
			article.answer("GET /api/articles/openai-nato", 500, "{}");
			mvc.perform(get("/api/pages/article/openai-nato"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER))
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}

		@Test
		void aHangingRankingServiceLeavesOutItsPartsWithinItsTimeLimit() throws Exception {
			article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
			article.answer("GET /api/articles/openai-nato/related", 200, "[]");
			ranking.hang("GET /api/views/6b08db539bd873ae116c8e13");
			ranking.hang("GET /api/rankings/hot");
			long started = System.nanoTime();
			mvc.perform(get("/api/pages/article/openai-nato"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.views").value((Object) null))
				.andExpect(jsonPath("$.hot").isEmpty());
			// Two attempts of 300 ms (ranking's read timeout), the parts in parallel.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
		}

		@Test
		void aHangingArticleServiceIsA503WithinItsTimeLimit() throws Exception {
			article.hang("GET /api/articles/slow");
			long started = System.nanoTime();
			mvc.perform(get("/api/pages/article/slow"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			// Two attempts of 500 ms: well under the contract's 2 s.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1800));
			assertThat(article.calls("GET /api/articles/slow")).isEqualTo(2);
		}

		@Test
		void aBurstOfMissesCostsTheServicesOneCallPerPart() throws Exception {
			article.answer("GET /api/articles/openai-nato", 200, ARTICLE);
			article.answer("GET /api/articles/openai-nato/related", 200, "[]");
			ranking.answer("GET /api/views/6b08db539bd873ae116c8e13", 200, "{\"views\":1}");
			ranking.answer("GET /api/rankings/hot", 200, "{\"items\":[]}");
			for (int i = 0; i < 20; i++) {
				mvc.perform(get("/api/pages/article/openai-nato")).andExpect(status().isOk());
			}
			assertThat(article.calls("GET /api/articles/openai-nato")).isEqualTo(1);
			assertThat(ranking.calls("GET /api/rankings/hot")).isEqualTo(1);
			assertThat(ranking.calls("GET /api/views/6b08db539bd873ae116c8e13")).isEqualTo(1);
		}

	}

	@Nested
	class HomePage {

		@Test
		void sectionsAreTheLeavesOfTheTaxonomysFirstGroupAndItDegradesPartByPart() throws Exception {
			article.answer("GET /api/categories", 200, TAXONOMY);
			article.answer("GET /api/articles", 200, "{\"items\":[{\"id\":\"a\"}],\"nextCursor\":null}");
			ranking.answer("GET /api/rankings/hot", 500, "{}");
			ranking.answer("GET /api/rankings/tags", 200, "[{\"tag\":\"RAG\",\"score\":3}]");
			leads.answer("GET /api/diagnosis/stats", 500, "{}");
			MvcResult result = mvc.perform(get("/api/pages/home"))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=5, public"))
				.andExpect(jsonPath("$.latest.policy[0].id").value("a"))
				.andExpect(jsonPath("$.hot").isEmpty())
				.andExpect(jsonPath("$.hotTags[0].tag").value("RAG"))
				.andExpect(jsonPath("$.diagnosisCompleted").value((Object) null))
				.andReturn();
			assertThat(latestKeys(result)).containsExactly("flash", "product", "tech", "business", "policy", "startup");
			leads.answer("GET /api/diagnosis/stats", 200, "{\"completed\":7}");
			// The counter is kept for the cache's time to live (300 ms here), then read
			// again.
			await().atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(
						() -> mvc.perform(get("/api/pages/home")).andExpect(jsonPath("$.diagnosisCompleted").value(7)));
		}

		@Test
		void aMadeUpTaxonomyChangesTheSections() throws Exception {
			article.answer("GET /api/categories", 200, """
					[{"key":"g","name":"G","children":[{"key":"x","name":"X","children":[]},
					  {"key":"sub","name":"Sub","children":[{"key":"y","name":"Y","children":[]}]}]},
					 {"key":"other","name":"O","children":[{"key":"z","name":"Z","children":[]}]}]""");
			article.answer("GET /api/articles", 200, "{\"items\":[{\"id\":\"a\"}],\"nextCursor\":null}");
			MvcResult result = mvc.perform(get("/api/pages/home")).andExpect(status().isOk()).andReturn();
			assertThat(latestKeys(result)).containsExactly("x", "y");
			// article-service gone: the last tree read still gives the sections.
			article.answer("GET /api/categories", 500, "{}");
			article.answer("GET /api/articles", 500, "{}");
			categories.expire();
			parts.forget();
			assertThat(categories.leavesOfFirstGroup()).containsExactly("x", "y");
			mvc.perform(get("/api/pages/home")).andExpect(status().isOk()).andExpect(jsonPath("$.latest.x").isEmpty());
		}

		@Test
		void aHangingLeadsServiceLeavesOutTheCounterWithinItsTimeLimit() throws Exception {
			article.answer("GET /api/categories", 200, TAXONOMY);
			article.answer("GET /api/articles", 200, "{\"items\":[],\"nextCursor\":null}");
			ranking.answer("GET /api/rankings/hot", 200, "{\"items\":[{\"rank\":1}]}");
			ranking.answer("GET /api/rankings/tags", 200, "[]");
			leads.hang("GET /api/diagnosis/stats");
			long started = System.nanoTime();
			mvc.perform(get("/api/pages/home"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.diagnosisCompleted").value((Object) null))
				.andExpect(jsonPath("$.hot[0].rank").value(1));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
		}

		@SuppressWarnings("unchecked")
		private List<String> latestKeys(MvcResult result) throws Exception {
			Map<String, Object> latest = com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(),
					"$.latest");
			return List.copyOf(latest.keySet());
		}

	}

	@Nested
	class Configuration {

		@Test
		void breakersAndRetriesAreApplicationYmls() {
			for (String service : List.of("article-service", "ranking-service", "leads-service")) {
				CircuitBreakerConfig breaker = circuitBreakers.circuitBreaker(service).getCircuitBreakerConfig();
				assertThat(breaker.getSlidingWindowSize()).isEqualTo(20);
				assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(5);
				assertThat(breaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000L);
				RetryConfig retry = retries.retry(service).getRetryConfig();
				assertThat(retry.getMaxAttempts()).isEqualTo(2);
			}
		}

	}

}
