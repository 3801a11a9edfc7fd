package com.accesspath.ranking.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.config.RankingProperties;
import com.accesspath.ranking.redis.AsyncRedis;

/**
 * Writes views to Redis in batches: one script call ({@code record-views.lua}) per shard
 * carries every view of its articles that arrived while the previous batch was in flight;
 * the calls of a batch are sent together and awaited together. Under load that is many
 * views per round trip; on a quiet site a view goes out alone, at once: there is no timer
 * and no added wait. A caller is answered only after Redis has stored its view, so a view
 * a client was told about is never lost with this process.
 *
 * <p>
 * Why: one script call per view spent more CPU on the round trip (the client, the system
 * calls, the script call in Redis) than on counting. The script keeps each view's repeat
 * check and counters atomic and in arrival order.
 */
@Component
class ViewBatches implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ViewBatches.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RECORD_VIEWS = RedisScript.of(RankingKeys.script("scripts/record-views.lua"),
			List.class);

	/** Bounds one script call (keys, arguments and the time Redis spends in it). */
	static final int MAX_BATCH = 256;

	/**
	 * A view to store; {@code leaf} is its category (null: none), {@code visitor} its
	 * visitor's digest.
	 */
	record PendingView(String articleId, String visitor, String leaf, List<String> tags,
			CompletableFuture<Stored> stored) {
	}

	/** What Redis answered for one view. */
	record Stored(boolean counted, long total) {
	}

	/**
	 * Bounds the views waiting for the writer: past it a view is refused (503) rather
	 * than queued without end.
	 */
	static final int MAX_WAITING = 10_000;

	/** Put in the queue to stop the writer once the views before it are written. */
	private static final PendingView STOP = new PendingView("", "", null, List.of(), new CompletableFuture<>());

	private final BlockingQueue<PendingView> queue = new LinkedBlockingQueue<>(MAX_WAITING);

	/**
	 * How long a batch waits for Redis's answers at most (Redis's timeout is shorter).
	 */
	static final Duration MAX_WRITE = Duration.ofSeconds(2);

	private final AsyncRedis scripts;

	private final RankingKeys keys;

	private final RankingProperties properties;

	private final Clock clock;

	private final DistributionSummary batchSizes;

	private volatile Thread writer;

	ViewBatches(AsyncRedis scripts, RankingKeys keys, RankingProperties properties, Clock clock, MeterRegistry meters) {
		this.scripts = scripts;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		this.batchSizes = DistributionSummary.builder("ranking.views.batch.size")
			.description("Views per Redis script call")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	CompletableFuture<Stored> submit(String articleId, String visitor, String leaf, List<String> tags) {
		PendingView view = new PendingView(articleId, visitor, leaf, tags, new CompletableFuture<>());
		if (this.writer == null) {
			view.stored()
				.completeExceptionally(
						new DataAccessResourceFailureException("Views are not being written (stopped)."));
		}
		else if (!this.queue.offer(view)) {
			view.stored()
				.completeExceptionally(new DataAccessResourceFailureException(
						"More than " + MAX_WAITING + " views are waiting for Redis."));
		}
		return view.stored();
	}

	private void writeUntilStopped() {
		List<PendingView> batch = new ArrayList<>(MAX_BATCH);
		boolean stopping = false;
		while (!stopping) {
			try {
				batch.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			this.queue.drainTo(batch, MAX_BATCH - 1);
			stopping = batch.removeIf(view -> view == STOP);
			// A caller that gave up (timeout) was answered 503: its view is not written
			// behind its back.
			batch.removeIf(view -> view.stored().isDone());
			if (!batch.isEmpty()) {
				try {
					write(batch);
				}
				catch (RuntimeException | Error ex) {
					// Whatever went wrong, the writer lives on and nobody waits for an
					// answer that will not come.
					log.error("Writing {} views failed", batch.size(), ex);
					batch.forEach(view -> view.stored().completeExceptionally(ex));
				}
			}
			batch.clear();
		}
		failPending();
	}

	/**
	 * One script call per shard, sent at once, then awaited. Package-private for tests
	 * that need several views in one batch.
	 */
	void write(List<PendingView> batch) {
		this.batchSizes.record(batch.size());
		Instant now = this.clock.instant();
		Map<Shard, List<PendingView>> byShard = new LinkedHashMap<>();
		for (PendingView view : batch) {
			byShard.computeIfAbsent(this.keys.shardOf(view.articleId()), shard -> new ArrayList<>()).add(view);
		}
		List<CompletableFuture<?>> calls = new ArrayList<>(byShard.size());
		byShard.forEach((shard, views) -> calls.add(this.scripts
			.eval(RECORD_VIEWS, scriptKeys(shard, views, now), scriptArgs(views, this.properties.repeatWindow()))
			.whenComplete((result, failure) -> {
				if (failure != null) {
					views.forEach(view -> view.stored().completeExceptionally(failure));
					return;
				}
				List<Stored> answers = answers(result, views.size());
				for (int i = 0; i < views.size(); i++) {
					views.get(i).stored().complete(answers.get(i));
				}
			})));
		try {
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
				.get(MAX_WRITE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			// Each call's own views were answered with its failure.
		}
		catch (TimeoutException ex) {
			QueryTimeoutException timeout = new QueryTimeoutException(
					"Redis did not answer within " + MAX_WRITE.toMillis() + " ms", ex);
			batch.forEach(view -> view.stored().completeExceptionally(timeout));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			batch.forEach(view -> view.stored()
				.completeExceptionally(new DataAccessResourceFailureException("Interrupted while writing views")));
		}
	}

	/**
	 * {@code record-views.lua}'s keys, all of one shard: the totals, the dirty set, the
	 * hour's site and tag buckets and set of leaves, the site's two windows and the tags'
	 * window, then per view its repeat-window key and its leaf's hour bucket and two
	 * windows (the site's for a view without a leaf, which the script does not use).
	 */
	static List<String> scriptKeys(Shard shard, List<PendingView> views, Instant now) {
		List<String> keys = new ArrayList<>(8 + 4 * views.size());
		keys.add(shard.totals());
		keys.add(shard.dirty());
		keys.add(shard.siteHour(now));
		keys.add(shard.tagHour(now));
		keys.add(shard.leavesOfHour(now));
		keys.add(shard.siteWindow("24h"));
		keys.add(shard.siteWindow("7d"));
		keys.add(shard.tagWindow());
		for (PendingView view : views) {
			keys.add(shard.seen(view.articleId(), view.visitor()));
			if (view.leaf() != null) {
				keys.add(shard.categoryHour(view.leaf(), now));
				keys.add(shard.categoryWindow("24h", view.leaf()));
				keys.add(shard.categoryWindow("7d", view.leaf()));
			}
			else {
				keys.add(shard.siteHour(now));
				keys.add(shard.siteWindow("24h"));
				keys.add(shard.siteWindow("7d"));
			}
		}
		return keys;
	}

	/**
	 * {@code record-views.lua}'s arguments: the repeat window and the buckets'
	 * time-to-live in seconds, then per view its article id, its leaf ('' for none), its
	 * number of tags and the tags.
	 */
	static List<String> scriptArgs(List<PendingView> views, Duration repeatWindow) {
		List<String> args = new ArrayList<>(2 + 5 * views.size());
		args.add(Long.toString(repeatWindow.toSeconds()));
		args.add(Long.toString(RankingKeys.BUCKET_TTL_SECONDS));
		for (PendingView view : views) {
			args.add(view.articleId());
			args.add((view.leaf() != null) ? view.leaf() : "");
			args.add(Integer.toString(view.tags().size()));
			args.addAll(view.tags());
		}
		return args;
	}

	/**
	 * What the script answered, two numbers per view (counted: 1 or 0, then the total),
	 * as one answer per view.
	 */
	static List<Stored> answers(List<?> result, int views) {
		if (result == null || result.size() != 2 * views) {
			throw new IllegalStateException("record-views.lua answered "
					+ ((result == null) ? "nothing" : result.size() + " values") + " for " + views + " views");
		}
		List<Stored> answers = new ArrayList<>(views);
		for (int i = 0; i < views; i++) {
			boolean counted = ((Number) result.get(2 * i)).longValue() == 1;
			answers.add(new Stored(counted, ((Number) result.get(2 * i + 1)).longValue()));
		}
		return answers;
	}

	private void failPending() {
		List<PendingView> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.removeIf(view -> view == STOP);
		left.forEach(view -> view.stored()
			.completeExceptionally(new DataAccessResourceFailureException("Views are not being written (stopping).")));
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::writeUntilStopped, "ranking-view-batches");
		thread.setDaemon(true);
		this.writer = thread;
		thread.start();
	}

	/**
	 * Lets the views already queued be written, then stops; interrupts the writer only if
	 * that takes too long.
	 */
	@Override
	public void stop() {
		Thread thread = this.writer;
		this.writer = null;
		if (thread != null) {
			try {
				if (this.queue.offer(STOP, 1, TimeUnit.SECONDS)) {
					thread.join(5_000);
				}
				if (thread.isAlive()) {
					thread.interrupt();
					thread.join(1_000);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		failPending();
		log.debug("View writer stopped");
	}

	/** Starts before the web server and stops after it has drained its requests. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return this.writer != null;
	}

}
