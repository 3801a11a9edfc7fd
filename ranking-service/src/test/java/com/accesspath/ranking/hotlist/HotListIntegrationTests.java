package com.accesspath.ranking.hotlist;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import com.accesspath.ranking.RankingIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/rankings/hot} and {@code /api/rankings/tags} on real Redis, with a stub
 * article-service.
 */
class HotListIntegrationTests extends RankingIntegrationTestSupport {

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
			publish();
			String body = mvc.perform(get("/api/rankings/hot?window=24h&limit=10"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.window").value("24h"))
				.andExpect(jsonPath("$.items", hasSize(10)))
				.andExpect(jsonPath("$.items[0].rank").value(1))
				.andExpect(jsonPath("$.items[0].article.slug").exists())
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<String> ids = JsonPath.read(body, "$.items[*].article.id");
			List<Integer> views = JsonPath.read(body, "$.items[*].views");
			assertThat(views).isSortedAccordingTo(Comparator.reverseOrder());
			for (int i = 0; i < ids.size(); i++) {
				assertThat(views.get(i)).isEqualTo(expected.get(ids.get(i)));
			}
			assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(expectedOrder));
			mvc.perform(get("/api/rankings/hot?window=7d")).andExpect(jsonPath("$.window").value("7d"));
		}

		@Test
		void categoryMayBeALeafOrAGroup() throws Exception {
			articleService.add("p", "policy");
			articleService.add("f", "finance");
			view("p", "v1");
			view("f", "v1");
			view("f", "v2");
			publish();
			mvc.perform(get("/api/rankings/hot?category=news"))
				.andExpect(jsonPath("$.items[*].article.id").value(contains("p")));
			mvc.perform(get("/api/rankings/hot?category=cases"))
				.andExpect(jsonPath("$.items[*].article.id").value(contains("f")));
			mvc.perform(get("/api/rankings/hot?category=finance")).andExpect(jsonPath("$.items[0].views").value(2));
			mvc.perform(get("/api/rankings/hot"))
				.andExpect(jsonPath("$.items[*].article.id").value(contains("f", "p")));
		}

		@Test
		void aServedListFollowsNewViewsAndIsCacheable() throws Exception {
			articleService.add("p", "policy");
			view("p", "v1");
			publish();
			mvc.perform(get("/api/rankings/hot"))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=5, public"))
				.andExpect(jsonPath("$.items[0].views").value(1));
			view("p", "v2");
			mvc.perform(get("/api/rankings/hot")).andExpect(jsonPath("$.items[0].views").value(1));
			publish();
			mvc.perform(get("/api/rankings/hot")).andExpect(jsonPath("$.items[0].views").value(2));
			mvc.perform(get("/api/rankings/hot?limit=1")).andExpect(jsonPath("$.items", hasSize(1)));
			mvc.perform(get("/api/rankings/hot?window=&limit="))
				.andExpect(jsonPath("$.window").value("24h"))
				.andExpect(jsonPath("$.items", hasSize(1)));
			mvc.perform(head("/api/rankings/hot"))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=5, public"))
				.andExpect(content().string(""));
		}

		@Test
		void unknownCategoryIsAnEmptyListAndComputesNothing() throws Exception {
			articleService.add("p", "policy");
			view("p", "v1");
			publish();
			mvc.perform(get("/api/rankings/hot?category=no-such-category"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items", hasSize(0)));
			assertThat(redis.keys("rk:*no-such-category*")).isEmpty();
		}

		@Test
		void hotTagsByViews() throws Exception {
			articleService.add("a", "tech", "Agent", "RAG");
			articleService.add("b", "tech", "RAG");
			view("a", "v1");
			view("b", "v1");
			view("b", "v2");
			publish();
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
			mvc.perform(get("/api/rankings/hot?limit=ten"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("limit"));
			mvc.perform(get("/api/rankings/hot?category=" + "c".repeat(41)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("category"));
		}

	}

	@Nested
	class TaxonomyFromArticleService {

		@Test
		void aGroupIsWhatArticleServiceSaysItIs() throws Exception {
			articleService.add("p", "policy");
			articleService.add("f", "finance");
			view("p", "v1");
			view("f", "v1");
			publish();
			mvc.perform(get("/api/rankings/hot?category=made-up-group")).andExpect(jsonPath("$.items", hasSize(0)));
			articleService.setTaxonomy("""
					[{"key":"made-up-group","name":"Made up","children":[
					  {"key":"policy","name":"政策","children":[]},{"key":"finance","name":"金融行业","children":[]}]}]
					""");
			categories.refresh();
			publish();
			mvc.perform(get("/api/rankings/hot?category=made-up-group"))
				.andExpect(jsonPath("$.items[*].article.id").value(containsInAnyOrder("p", "f")));
			// The groups article-service no longer has are unknown now.
			mvc.perform(get("/api/rankings/hot?category=news")).andExpect(jsonPath("$.items", hasSize(0)));
		}

		@Test
		void whileArticleServiceIsDownTheLastTaxonomyReadIsKept() throws Exception {
			articleService.add("p", "policy");
			view("p", "v1");
			publish();
			articleService.setFailing(true);
			categories.refresh();
			mvc.perform(get("/api/rankings/hot?category=news"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items[*].article.id").value(contains("p")));
		}

	}

}
