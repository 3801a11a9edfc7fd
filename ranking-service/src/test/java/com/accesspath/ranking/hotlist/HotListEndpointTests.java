package com.accesspath.ranking.hotlist;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import com.accesspath.boot.AccessPathProperties;
import com.accesspath.ranking.catalog.ArticleMetadata;
import com.accesspath.ranking.hotlist.HotLists.ArticleRef;
import com.accesspath.ranking.hotlist.HotLists.HotItem;
import com.accesspath.ranking.hotlist.HotLists.HotList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint reuses a list's JSON while the service answers an equal list: reuse must
 * never hand one request the body of another window, category or limit, nor an old body
 * once the list changed. (The service itself, on Redis, is covered by
 * HotListIntegrationTests.)
 */
class HotListEndpointTests {

	/**
	 * Answers fixed lists the way HotListService does: one computed list per window and
	 * category, cut to the limit.
	 */
	static final class FixedHotLists extends HotListService {

		Instant computedAt = Instant.parse("2026-11-27T06:00:00Z");

		FixedHotLists() {
			super(null, null, null, null, null, null, Clock.systemUTC(), new SimpleMeterRegistry());
		}

		@Override
		public HotList hot(Window window, String category, int limit) {
			List<HotItem> items = List.of(item(1, "site-1", window), item(2, "site-2", window),
					item(3, "site-3", window));
			if (category != null) {
				items = List.of(item(1, category + "-1", window));
			}
			return new HotList(window.label, this.computedAt, items.subList(0, Math.min(limit, items.size())), false);
		}

		private static HotItem item(int rank, String id, Window window) {
			ArticleRef article = new ArticleRef(id, id, "标题 " + id, new ArticleMetadata.Category("policy", "政策"),
					Instant.parse("2026-11-26T00:00:00Z"), null);
			return new HotItem(rank, article, 100 - rank - (window == Window.D7 ? 50 : 0), 1000);
		}

	}

	final FixedHotLists hotLists = new FixedHotLists();

	final HotListEndpoint endpoint = new HotListEndpoint(this.hotLists, JsonMapper.builder().build(),
			new SimpleMeterRegistry(),
			new AccessPathProperties(null, new AccessPathProperties.Web(DataSize.ofKilobytes(64),
					DataSize.ofMegabytes(2), DataSize.ofMegabytes(51), java.util.List.of()), null, null));

	String get(String query) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/rankings/hot");
		request.setQueryString(query);
		for (String pair : query.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts.length == 2) {
				request.addParameter(parts[0], parts[1]);
			}
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.endpoint.doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	@Test
	void eachWindowCategoryAndLimitGetsItsOwnBody() throws Exception {
		String ten = get("limit=10");
		assertThat(JsonPath.<List<String>>read(ten, "$.items[*].article.id")).containsExactly("site-1", "site-2",
				"site-3");
		assertThat(JsonPath.<List<String>>read(get("limit=1"), "$.items[*].article.id")).containsExactly("site-1");
		assertThat(JsonPath.<List<String>>read(get("limit=10&category=news"), "$.items[*].article.id"))
			.containsExactly("news-1");
		assertThat(JsonPath.<List<String>>read(get("limit=10&category=cases"), "$.items[*].article.id"))
			.containsExactly("cases-1");
		assertThat(JsonPath.<String>read(get("limit=10&window=7d"), "$.window")).isEqualTo("7d");
		assertThat(get("limit=10")).isEqualTo(ten);
	}

	@Test
	void aRecomputedListIsWrittenAnew() throws Exception {
		String first = get("limit=2");
		this.hotLists.computedAt = this.hotLists.computedAt.plusSeconds(5);
		String second = get("limit=2");
		assertThat(second).isNotEqualTo(first);
		assertThat(JsonPath.<String>read(second, "$.generatedAt")).isEqualTo("2026-11-27T06:00:05Z");
	}

}
