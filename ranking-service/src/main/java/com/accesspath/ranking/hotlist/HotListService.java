package com.accesspath.ranking.hotlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

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
import com.accesspath.ranking.hotlist.PublishedTop.Entry;
import com.accesspath.ranking.view.ViewTotals;

/**
 * Hot lists as clients read them: the top that {@link HotListPublisher} published for the
 * window (for a group, its leaves' tops merged), with each article's metadata and
 * all-time total. A replica reads a published list at most once per
 * {@code hot-list-cache}, so a read costs O(limit) whatever the number of articles. When
 * Redis is down the last result is served, marked stale; with no result yet, 503.
 */
@Service
public class HotListService {

	private static final Logger log = LoggerFactory.getLogger(HotListService.class);

	/**
	 * A list as read at {@code readAt}, published at {@code at}; {@code stale} when it is
	 * served because a newer one could not be read.
	 */
	private record Computed<T>(Instant readAt, Instant at, List<T> items, boolean stale) {

		Computed<T> asStale() {
			return new Computed<>(this.readAt, this.at, this.items, true);
		}

	}

	/** A published list as read, with when it was published. */
	private record Read<T>(Instant at, List<T> items) {
	}

	/**
	 * After a failed read with nothing to fall back on, callers get 503 at once for this
	 * long.
	 */
	static final Duration FAIL_FAST = Duration.ofSeconds(2);

	private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	private final ViewTotals totals;

	private final JsonMapper json;

	private final ArticleCatalog catalog;

	private final Categories categories;

	private final RankingProperties properties;

	private final Clock clock;

	private final Timer readTimer;

	private final Map<String, Computed<?>> computed = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	HotListService(StringRedisTemplate redis, ViewTotals totals, JsonMapper json, ArticleCatalog catalog,
			Categories categories, RankingProperties properties, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.totals = totals;
		this.json = json;
		this.catalog = catalog;
		this.categories = categories;
		this.properties = properties;
		this.clock = clock;
		this.readTimer = Timer.builder("ranking.hotlist.read")
			.description("Reading a published list and its articles")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	/**
	 * The hot list of {@code window}, of the whole site or of a {@code category} (a group
	 * or a leaf of the taxonomy).
	 */
	public HotList hot(Window window, String category, int limit) {
		List<String> leaves = (category == null) ? null : this.categories.tree().leavesOf(category);
		if (leaves != null && leaves.isEmpty()) {
			// An unknown category has no views; it is not read (or remembered) at all.
			return new HotList(window.label, this.clock.instant(), List.of(), false);
		}
		String name = window.label + ":" + ((category == null) ? "*" : category);
		Computed<HotItem> result = get(name, () -> readArticles(window, leaves));
		List<HotItem> items = result.items().subList(0, Math.min(limit, result.items().size()));
		return new HotList(window.label, result.at(), items, result.stale());
	}

	public List<HotTag> tags(int limit) {
		Computed<HotTag> result = get("tags", this::readTags);
		return result.items().subList(0, Math.min(limit, result.items().size()));
	}

	/**
	 * Drops the lists read, so the next request reads again (tests, and after a restore).
	 */
	public void forget() {
		this.computed.clear();
		this.lastFailure.clear();
	}

	@SuppressWarnings("unchecked")
	private <T> Computed<T> get(String name, Supplier<Read<T>> read) {
		Instant now = this.clock.instant();
		Computed<T> current = (Computed<T>) this.computed.get(name);
		if (current != null && now.isBefore(current.readAt().plus(this.properties.hotListCache()))) {
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
			Read<T> fresh = this.readTimer.record(read);
			Computed<T> computed = new Computed<>(now, fresh.at(), fresh.items(), false);
			this.computed.put(name, computed);
			this.lastFailure.remove(name);
			return computed;
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
	private Read<HotItem> readArticles(Window window, List<String> leaves) {
		List<String> lists = (leaves == null) ? List.of(window.label + ":site")
				: leaves.stream().map(leaf -> window.label + ":cat:" + leaf).toList();
		List<PublishedTop> tops = published(lists);
		Instant at = tops.stream().map(PublishedTop::at).min(Instant::compareTo).orElse(this.clock.instant());
		List<Entry> top = PublishedTop.mergeDisjoint(tops.stream().map(PublishedTop::items).toList(),
				2 * this.properties.hotListSize());
		List<String> ids = top.stream().map(Entry::id).toList();
		Map<String, Long> totals = this.totals.of(ids);
		// While article-service is down, the articles cached; the others are left out
		// rather than failing the list.
		Map<String, ArticleMetadata> articles = this.catalog.findAllOrCached(ids);
		List<HotItem> items = new ArrayList<>();
		for (Entry entry : top) {
			ArticleMetadata article = articles.get(entry.id());
			if (article == null) {
				continue;
			}
			items.add(new HotItem(items.size() + 1, ArticleRef.of(article), entry.views(),
					totals.getOrDefault(entry.id(), 0L)));
			if (items.size() == this.properties.hotListSize()) {
				break;
			}
		}
		return new Read<>(at, items);
	}

	private Read<HotTag> readTags() {
		List<PublishedTop> tops = published(List.of("7d:tags"));
		if (tops.isEmpty()) {
			return new Read<>(this.clock.instant(), List.of());
		}
		return new Read<>(tops.get(0).at(),
				tops.get(0).items().stream().map(entry -> new HotTag(entry.id(), entry.views())).toList());
	}

	/** The published tops of {@code lists} that exist (one MGET: they share a slot). */
	private List<PublishedTop> published(List<String> lists) {
		List<String> values = this.redis.opsForValue().multiGet(lists.stream().map(RankingKeys::published).toList());
		List<PublishedTop> tops = new ArrayList<>(lists.size());
		if (values != null) {
			for (String value : values) {
				if (value != null) {
					tops.add(this.json.readValue(value, PublishedTop.class));
				}
			}
		}
		return tops;
	}

}
