package com.accesspath.ranking.view;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.ApplicationContext;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.config.RankingProperties;
import com.accesspath.ranking.redis.AsyncRedis;

import com.accesspath.ranking.view.ViewBatches.PendingView;
import com.accesspath.ranking.view.ViewBatches.Stored;

/**
 * Lets tests compute the hashed visitor part of a key, and write several views as one
 * batch.
 */
public final class ViewRecorderAccess {

	private ViewRecorderAccess() {
	}

	public static String visitorKey(String visitor) {
		return ViewRecorder.visitorKey(visitor);
	}

	/**
	 * A view as the endpoint would hand it over: {@code visitor} is an X-Visitor-Id,
	 * {@code leaf} may be null.
	 */
	public record View(String articleId, String visitor, String leaf, List<String> tags) {
	}

	public record Answer(boolean counted, long total) {
	}

	/**
	 * Hands one view to the running writer, as the endpoint does; {@code articleId} may
	 * be anything, null included.
	 */
	public static CompletableFuture<Answer> submit(ApplicationContext context, String articleId, String visitor) {
		return context.getBean(ViewBatches.class)
			.submit(articleId, visitorKey("id:" + visitor), null, List.of())
			.thenApply(stored -> new Answer(stored.counted(), stored.total()));
	}

	/**
	 * Writes {@code views} in one script call, in order, and returns what each one was
	 * answered.
	 */
	public static List<Answer> writeAsOneBatch(ApplicationContext context, List<View> views) {
		return write(context.getBean(ViewBatches.class), views);
	}

	/**
	 * Writes {@code views} as one batch dated {@code at}, as a replica whose clock says
	 * {@code at} would.
	 */
	public static List<Answer> writeAt(ApplicationContext context, Instant at, List<View> views) {
		ViewBatches batches = new ViewBatches(context.getBean(AsyncRedis.class), context.getBean(RankingKeys.class),
				context.getBean(RankingProperties.class), Clock.fixed(at, ZoneOffset.UTC), new SimpleMeterRegistry());
		return write(batches, views);
	}

	private static List<Answer> write(ViewBatches batches, List<View> views) {
		List<PendingView> batch = views.stream()
			.map(view -> new PendingView(view.articleId(), visitorKey("id:" + view.visitor()), view.leaf(), view.tags(),
					new CompletableFuture<>()))
			.toList();
		batches.write(batch);
		return batch.stream().map(view -> {
			Stored stored = view.stored().join();
			return new Answer(stored.counted(), stored.total());
		}).toList();
	}

}
