package com.accesspath.ranking.view;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
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
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		for (Map.Entry<Shard, CompletableFuture<List<String>>> read : reads.entrySet()) {
			List<String> ids = byShard.get(read.getKey());
			List<String> values = await(read.getValue(), deadline);
			for (int i = 0; i < ids.size(); i++) {
				found.put(ids.get(i), (values.get(i) != null) ? Long.parseLong(values.get(i)) : 0L);
			}
		}
		Map<String, Long> totals = new LinkedHashMap<>();
		articleIds.forEach(id -> totals.put(id, found.get(id)));
		return totals;
	}

	private static <T> T await(CompletableFuture<T> pending, long deadline) {
		try {
			return pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof DataAccessException dataAccess) ? dataAccess
					: new RedisSystemException("Reading view totals failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("Redis did not answer within " + MAX_WAIT.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new QueryTimeoutException("Interrupted while reading view totals", ex);
		}
	}

}
