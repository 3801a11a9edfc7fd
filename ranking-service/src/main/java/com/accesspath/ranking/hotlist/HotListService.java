package com.accesspath.ranking.hotlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.boot.problem.Problems;
import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.catalog.ArticleCatalog;
import com.accesspath.ranking.catalog.ArticleMetadata;
import com.accesspath.ranking.catalog.Categories;
import com.accesspath.ranking.config.RankingProperties;
import com.accesspath.ranking.hotlist.HotLists.ArticleRef;
import com.accesspath.ranking.hotlist.HotLists.HotItem;
import com.accesspath.ranking.hotlist.HotLists.HotList;
import com.accesspath.ranking.hotlist.HotLists.HotTag;

/**
 * Hot lists: a window is the union of its hourly buckets (ZUNIONSTORE), computed at most
 * once per refresh interval per window and category and kept in memory, so a read costs
 * O(limit). When Redis is down the last result is served, marked stale; with no result
 * yet, 503.
 */
@Service
public class HotListService {

	private static final Logger log = LoggerFactory.getLogger(HotListService.class);

	public enum Window {

		H24("24h", 24), D7("7d", 24 * 7);

		final String label;

		final int hours;

		Window(String label, int hours) {
			this.label = label;
			this.hours = hours;
		}

		public static Window of(String label) {
			for (Window window : values()) {
				if (window.label.equals(label)) {
					return window;
				}
			}
			throw new InvalidInputException("window", "must be 24h or 7d");
		}

	}

	private static final Duration RESULT_TTL = Duration.ofMinutes(1);

	/**
	 * A computed list; {@code stale} when it is served because a newer one could not be
	 * computed.
	 */
	private record Computed<T>(Instant at, List<T> items, boolean stale) {

		Computed<T> asStale() {
			return new Computed<>(this.at, this.items, true);
		}

	}

	/**
	 * After a failed computation with nothing to fall back on, callers get 503 at once
	 * for this long.
	 */
	static final Duration FAIL_FAST = Duration.ofSeconds(2);

	private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	private final ArticleCatalog catalog;

	private final Categories categories;

	private final RankingProperties properties;

	private final Clock clock;

	private final Timer computeTimer;

	private final Map<String, Computed<?>> computed = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	HotListService(StringRedisTemplate redis, ArticleCatalog catalog, Categories categories,
			RankingProperties properties, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.catalog = catalog;
		this.categories = categories;
		this.properties = properties;
		this.clock = clock;
		this.computeTimer = Timer.builder("ranking.hotlist.compute").publishPercentiles(0.5, 0.99).register(meters);
	}

	/**
	 * The hot list of {@code window}, of the whole site or of a {@code category} (a group
	 * or a leaf of the taxonomy).
	 */
	public HotList hot(Window window, String category, int limit) {
		List<String> leaves = (category == null) ? null : this.categories.tree().leavesOf(category);
		if (leaves != null && leaves.isEmpty()) {
			// An unknown category has no views; it is not computed (or remembered) at
			// all.
			return new HotList(window.label, this.clock.instant(), List.of(), false);
		}
		String name = window.label + ":" + ((category == null) ? "*" : category);
		Computed<HotItem> result = get(name, () -> computeArticles(name, window, leaves));
		List<HotItem> items = result.items().subList(0, Math.min(limit, result.items().size()));
		return new HotList(window.label, result.at(), items, result.stale());
	}

	public List<HotTag> tags(int limit) {
		Computed<HotTag> result = get("tags", this::computeTags);
		return result.items().subList(0, Math.min(limit, result.items().size()));
	}

	/** Drops computed lists, so the next read recomputes (tests, and after a restore). */
	public void forget() {
		this.computed.clear();
		this.lastFailure.clear();
	}

	@SuppressWarnings("unchecked")
	private <T> Computed<T> get(String name, Supplier<List<T>> compute) {
		Instant now = this.clock.instant();
		Computed<T> current = (Computed<T>) this.computed.get(name);
		if (current != null && now.isBefore(current.at().plus(this.properties.hotListRefresh()))) {
			return current;
		}
		Instant failedAt = this.lastFailure.get(name);
		if (current == null && failedAt != null && now.isBefore(failedAt.plus(FAIL_FAST))) {
			throw unavailable(null);
		}
		ReentrantLock lock = this.locks.computeIfAbsent(name, key -> new ReentrantLock());
		// One computation per list at a time; others keep serving the previous result
		// meanwhile.
		if (current != null && !lock.tryLock()) {
			return current;
		}
		if (current == null) {
			lock.lock();
		}
		try {
			Computed<T> latest = (Computed<T>) this.computed.get(name);
			if (latest != null && latest != current) {
				return latest;
			}
			failedAt = this.lastFailure.get(name);
			if (current == null && failedAt != null && now.isBefore(failedAt.plus(FAIL_FAST))) {
				throw unavailable(null);
			}
			List<T> items = this.computeTimer.record(compute);
			Computed<T> fresh = new Computed<>(now, items, false);
			this.computed.put(name, fresh);
			this.lastFailure.remove(name);
			return fresh;
		}
		catch (DataAccessException ex) {
			this.lastFailure.put(name, this.clock.instant());
			if (current != null) {
				log.warn("Hot list {} served stale: {}", name, ex.getMessage());
				return current.asStale();
			}
			throw unavailable(ex);
		}
		finally {
			lock.unlock();
		}
	}

	private static ResponseStatusException unavailable(Throwable cause) {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Hot lists are unavailable right now.",
				cause) {
			@Override
			public HttpHeaders getHeaders() {
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
				return headers;
			}
		};
	}

	/** {@code leaves}: the leaf categories whose views count, null for the whole site. */
	private List<HotItem> computeArticles(String name, Window window, List<String> leaves) {
		Instant now = this.clock.instant();
		List<String> buckets = new ArrayList<>();
		for (Instant hour : RankingKeys.hours(now, window.hours)) {
			if (leaves == null) {
				buckets.add(RankingKeys.siteHour(hour));
			}
			else {
				leaves.forEach(leaf -> buckets.add(RankingKeys.categoryHour(leaf, hour)));
			}
		}
		List<TypedTuple<String>> top = union(RankingKeys.union("hot:" + name), buckets, this.properties.hotListSize());
		List<String> ids = top.stream().map(TypedTuple::getValue).toList();
		List<Object> totals = ids.isEmpty() ? List.of()
				: this.redis.opsForHash().multiGet(RankingKeys.totals(), new ArrayList<>(ids));
		// While article-service is down, the articles cached; the others are left out
		// rather than failing the list.
		Map<String, ArticleMetadata> articles = this.catalog.findAllOrCached(ids);
		List<HotItem> items = new ArrayList<>();
		for (int i = 0; i < top.size(); i++) {
			ArticleMetadata article = articles.get(ids.get(i));
			if (article == null) {
				continue;
			}
			long total = (totals.get(i) == null) ? 0 : Long.parseLong(totals.get(i).toString());
			items.add(new HotItem(items.size() + 1, ArticleRef.of(article), top.get(i).getScore().longValue(), total));
		}
		return items;
	}

	private List<HotTag> computeTags() {
		List<String> buckets = RankingKeys.hours(this.clock.instant(), Window.D7.hours)
			.stream()
			.map(RankingKeys::tagHour)
			.toList();
		return union(RankingKeys.union("tags"), buckets, this.properties.hotListSize()).stream()
			.map(tuple -> new HotTag(tuple.getValue(), tuple.getScore().longValue()))
			.toList();
	}

	private List<TypedTuple<String>> union(String destination, List<String> buckets, int size) {
		this.redis.opsForZSet().unionAndStore(buckets.get(0), buckets.subList(1, buckets.size()), destination);
		// Kept a little while for inspection; each computation rewrites it anyway.
		this.redis.expire(destination, RESULT_TTL);
		Set<TypedTuple<String>> top = this.redis.opsForZSet().reverseRangeWithScores(destination, 0, size - 1);
		return (top == null) ? List.of() : new ArrayList<>(top);
	}

}
