package com.accesspath.ranking.hotlist;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import com.accesspath.boot.AccessPathProperties;
import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.ranking.hotlist.HotLists.HotList;
import com.accesspath.ranking.web.LeanEndpoint;

/**
 * {@code GET /api/rankings/hot?window=24h|7d&category=&limit=} (API.md): the home page,
 * every article page and the gateway's page endpoints read it, so it is a
 * {@link LeanEndpoint}. The list itself is computed at most every few seconds
 * ({@link HotListService}); its JSON is written once per computed list and limit and then
 * served as bytes.
 */
@Component
@Order(LeanEndpoint.ORDER)
class HotListEndpoint extends LeanEndpoint {

	static final int MAX_CATEGORY = 40;

	static final int MAX_LIMIT = 50;

	private record Serialised(HotList list, byte[] body) {
	}

	private final HotListService hotLists;

	/**
	 * Keyed by window, category and limit; an entry is reused while the service answers
	 * an equal list.
	 */
	private final Cache<String, Serialised> serialised = Caffeine.newBuilder().maximumSize(2_000).build();

	HotListEndpoint(HotListService hotLists, JsonMapper json, MeterRegistry meters, AccessPathProperties properties) {
		super("GET", "/api/rankings/hot", json, meters, properties);
		this.hotLists = hotLists;
	}

	@Override
	protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String windowLabel = request.getParameter("window");
		Window window = Window.of((windowLabel == null || windowLabel.isBlank()) ? "24h" : windowLabel.strip());
		String category = request.getParameter("category");
		if (category != null && category.length() > MAX_CATEGORY) {
			throw new InvalidInputException("category", "size must be between 0 and " + MAX_CATEGORY);
		}
		category = (category == null || category.isBlank()) ? null : category.strip();
		int limit = limit(request.getParameter("limit"));
		HotList list = this.hotLists.hot(window, category, limit);
		String key = window.label + '|' + limit + '|' + ((category == null) ? "" : category);
		Serialised cached = this.serialised.getIfPresent(key);
		if (cached == null || !cached.list().equals(list)) {
			cached = new Serialised(list, this.json.writeValueAsBytes(list));
			this.serialised.put(key, cached);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=5, public");
		write(request, response, 200, cached.body());
	}

	private static int limit(String value) {
		if (value == null || value.isBlank()) {
			return 10;
		}
		int limit;
		try {
			limit = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInputException("limit", "must be from 1 to " + MAX_LIMIT);
		}
		return limit;
	}

}
