package com.accesspath.ranking.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
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
 * carries every view of its articles that arrived while that shard's previous call was in
 * flight (one call in flight per shard, so a master that stops answering holds up only
 * its own shards' views, never the other masters'). Under load that is many views per
 * round trip; on a quiet site a view goes out alone, at once: there is no timer and no
 * added wait. A caller is answered only after Redis has stored its view, so a view a
 * client was told about is never lost with this process.
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

	/**
	 * Bounds the views waiting for one shard's call in flight (a master that does not
	 * answer): past it they are refused (503).
	 */
	static final int MAX_WAITING_PER_SHARD = 2_500;

	private final Map<Shard, ShardWriter> shardWriters = new ConcurrentHashMap<>();

	/** Sends a shard's next call when its previous one returns. */
	private final Executor followUps = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "ranking-view-follow-ups");
		thread.setDaemon(true);
		return thread;
	});

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
		List<PendingView> taken = new ArrayList<>(MAX_BATCH);
		boolean stopping = false;
		while (!stopping) {
			try {
				taken.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			this.queue.drainTo(taken, MAX_BATCH - 1);
			stopping = taken.removeIf(view -> view == STOP);
			Set<ShardWriter> touched = new LinkedHashSet<>();
			for (PendingView view : taken) {
				try {
					ShardWriter shard = this.shardWriters.computeIfAbsent(this.keys.shardOf(view.articleId()),
							ShardWriter::new);
					shard.add(view);
					touched.add(shard);
				}
				catch (RuntimeException ex) {
					view.stored().completeExceptionally(ex);
				}
			}
			touched.forEach(ShardWriter::sendIfIdle);
			taken.clear();
		}
		awaitShards();
		failPending();
	}

	/**
	 * One shard's views: at most one script call in flight; the views that arrive
	 * meanwhile go out together in the next call, as soon as it returns. Each shard has
	 * its own, so a master that stops answering delays only its own shards' views, not
	 * the other masters'.
	 */
	private final class ShardWriter {

		private final Shard shard;

		private final Deque<PendingView> waiting = new ArrayDeque<>();

		private boolean sending;

		ShardWriter(Shard shard) {
			this.shard = shard;
		}

		synchronized void add(PendingView view) {
			if (this.waiting.size() >= MAX_WAITING_PER_SHARD) {
				view.stored()
					.completeExceptionally(new DataAccessResourceFailureException(
							"More than " + MAX_WAITING_PER_SHARD + " views are waiting for one shard's Redis."));
				return;
			}
			this.waiting.add(view);
		}

		synchronized boolean idle() {
			return !this.sending && this.waiting.isEmpty();
		}

		void sendIfIdle() {
			List<PendingView> views = new ArrayList<>();
			synchronized (this) {
				if (this.sending) {
					return;
				}
				while (!this.waiting.isEmpty() && views.size() < MAX_BATCH) {
					PendingView view = this.waiting.poll();
					// A caller that gave up (timeout) was answered 503: its view is not
					// written behind its back.
					if (!view.stored().isDone()) {
						views.add(view);
					}
				}
				if (views.isEmpty()) {
					return;
				}
				this.sending = true;
			}
			// The next call goes out from a thread of ours, not Lettuce's event loop
			// (getting the connection may block while it reconnects).
			send(this.shard, views).whenCompleteAsync((result, failure) -> {
				synchronized (this) {
					this.sending = false;
				}
				sendIfIdle();
			}, ViewBatches.this.followUps);
		}

	}

	/**
	 * One script call for {@code views}, all of {@code shard}: each view is answered with
	 * its result, or with the call's failure, within {@link #MAX_WRITE} at most.
	 */
	private CompletableFuture<?> send(Shard shard, List<PendingView> views) {
		this.batchSizes.record(views.size());
		CompletableFuture<List<Object>> call;
		try {
			call = this.scripts.eval(RECORD_VIEWS, scriptKeys(shard, views, this.clock.instant()),
					scriptArgs(views, this.properties.repeatWindow()));
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		return call.orTimeout(MAX_WRITE.toMillis(), TimeUnit.MILLISECONDS).handle((result, failure) -> {
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				RuntimeException answer = (cause instanceof TimeoutException)
						? new QueryTimeoutException("Redis did not answer within " + MAX_WRITE.toMillis() + " ms",
								cause)
						: (cause instanceof RuntimeException runtime) ? runtime
								: new DataAccessResourceFailureException("Writing views failed", cause);
				views.forEach(view -> view.stored().completeExceptionally(answer));
				return null;
			}
			try {
				List<Stored> answers = answers(result, views.size());
				for (int i = 0; i < views.size(); i++) {
					views.get(i).stored().complete(answers.get(i));
				}
			}
			catch (RuntimeException ex) {
				log.error("Writing {} views failed", views.size(), ex);
				views.forEach(view -> view.stored().completeExceptionally(ex));
			}
			return null;
		});
	}

	/** Lets the calls in flight and the views waiting for them finish (stopping). */
	private void awaitShards() {
		long deadline = System.nanoTime() + MAX_WRITE.toNanos() + TimeUnit.SECONDS.toNanos(1);
		while (System.nanoTime() < deadline && !this.shardWriters.values().stream().allMatch(ShardWriter::idle)) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		for (ShardWriter shard : this.shardWriters.values()) {
			synchronized (shard) {
				shard.waiting.forEach(view -> view.stored()
					.completeExceptionally(
							new DataAccessResourceFailureException("Views are not being written (stopping).")));
				shard.waiting.clear();
			}
		}
	}

	/**
	 * Sends {@code batch} at once, one script call per shard, and waits for the answers.
	 * For tests that need several views in one call.
	 */
	void write(List<PendingView> batch) {
		Map<Shard, List<PendingView>> byShard = new LinkedHashMap<>();
		for (PendingView view : batch) {
			byShard.computeIfAbsent(this.keys.shardOf(view.articleId()), shard -> new ArrayList<>()).add(view);
		}
		List<CompletableFuture<?>> calls = new ArrayList<>();
		byShard.forEach((shard, views) -> calls.add(send(shard, views)));
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
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
