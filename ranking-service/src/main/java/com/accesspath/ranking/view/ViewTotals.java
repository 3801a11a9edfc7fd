package com.accesspath.ranking.view;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.redis.AsyncRedis;

/**
 * Many articles' all-time views at once (an admin list's page, a hot list): one HMGET per
 * shard the ids fall in, all sent at once (Lettuce pipelines them on its shared
 * connection, and on a cluster sends each to its slot's master), so one round trip
 * however many ids.
 */
@Component
public class ViewTotals {

	/**
	 * How long a read waits at most; Redis's own timeout normally answers much sooner.
	 */
	static final Duration MAX_WAIT = Duration.ofSeconds(1);

	private final RankingKeys keys;

	private final AsyncRedis async;

	ViewTotals(RankingKeys keys, AsyncRedis async) {
		this.keys = keys;
		this.async = async;
	}

	/** Each article's views (0 when never viewed), in the order of the ids, each once. */
	public Map<String, Long> of(Collection<String> articleIds) {
		Map<Shard, List<String>> byShard = articleIds.stream()
			.distinct()
			.collect(Collectors.groupingBy(this.keys::shardOf, LinkedHashMap::new, Collectors.toList()));
		Map<Shard, CompletableFuture<List<String>>> reads = new LinkedHashMap<>();
		byShard.forEach((shard, ids) -> reads.put(shard, this.async.hashValues(shard.totals(), ids)));
		Map<String, Long> found = new HashMap<>();
		for (Map.Entry<Shard, CompletableFuture<List<String>>> read : reads.entrySet()) {
			List<String> ids = byShard.get(read.getKey());
			// Sent together: the waits overlap.
			List<String> values = AsyncRedis.await(read.getValue(), MAX_WAIT, "view totals");
			for (int i = 0; i < ids.size(); i++) {
				found.put(ids.get(i), (values.get(i) != null) ? Long.parseLong(values.get(i)) : 0L);
			}
		}
		Map<String, Long> totals = new LinkedHashMap<>();
		articleIds.forEach(id -> totals.put(id, found.get(id)));
		return totals;
	}

}
