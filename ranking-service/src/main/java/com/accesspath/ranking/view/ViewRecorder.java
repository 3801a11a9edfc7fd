package com.accesspath.ranking.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.catalog.ArticleCatalog;
import com.accesspath.ranking.catalog.ArticleMetadata;
import com.accesspath.ranking.config.RankingProperties;
import com.accesspath.ranking.view.ViewBatches.Stored;

/**
 * Records views: checks the article and the visitor, then hands the view to
 * {@link ViewBatches}, whose script moves the repeat check and every counter together,
 * exactly once, whatever the concurrency and however often a client retries.
 */
@Service
public class ViewRecorder {

	public record ViewResult(String articleId, long views, boolean counted) {
	}

	/**
	 * How long a request waits for its batch at most; Redis's own timeout normally
	 * answers much sooner.
	 */
	static final Duration MAX_WAIT = Duration.ofSeconds(3);

	private final StringRedisTemplate redis;

	private final RankingKeys keys;

	private final ViewBatches batches;

	private final ArticleCatalog catalog;

	private final Pattern bots;

	private final Counter counted;

	private final Counter repeated;

	private final Counter botViews;

	private final Counter refused;

	private final Counter unavailable;

	ViewRecorder(StringRedisTemplate redis, RankingKeys keys, ViewBatches batches, ArticleCatalog catalog,
			RankingProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.keys = keys;
		this.batches = batches;
		this.catalog = catalog;
		List<String> fragments = properties.botUserAgents().stream().filter(fragment -> !fragment.isBlank()).toList();
		// No fragments configured means no bots, not "everything is a bot".
		this.bots = fragments.isEmpty() ? null : Pattern
			.compile(String.join("|", fragments.stream().map(Pattern::quote).toList()), Pattern.CASE_INSENSITIVE);
		this.counted = meters.counter("ranking.views", "outcome", "counted");
		this.repeated = meters.counter("ranking.views", "outcome", "deduplicated");
		this.botViews = meters.counter("ranking.views", "outcome", "bot");
		this.refused = meters.counter("ranking.views", "outcome", "refused");
		this.unavailable = meters.counter("ranking.views", "outcome", "unavailable");
	}

	/** Empty when article-service does not know the article (nothing is stored). */
	public Optional<ViewResult> record(String articleId, String visitor, String userAgent) {
		Optional<ArticleMetadata> article;
		try {
			article = this.catalog.find(articleId);
		}
		catch (RuntimeException ex) {
			this.unavailable.increment();
			throw ex;
		}
		if (article.isEmpty()) {
			this.refused.increment();
			return Optional.empty();
		}
		if (userAgent != null && this.bots != null && this.bots.matcher(userAgent).find()) {
			this.botViews.increment();
			return Optional.of(new ViewResult(articleId, total(articleId), false));
		}
		ArticleMetadata metadata = article.get();
		Stored stored;
		CompletableFuture<Stored> pending = this.batches.submit(articleId, visitorKey(visitor), metadata.categoryKey(),
				metadata.tagsOrEmpty());
		try {
			stored = pending.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			this.unavailable.increment();
			throw (ex.getCause() instanceof DataAccessException dataAccess) ? dataAccess
					: new RedisSystemException("Recording a view failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			// Given up on: the writer skips it if it has not been sent yet.
			pending.cancel(false);
			this.unavailable.increment();
			throw new QueryTimeoutException("Redis did not store the view within " + MAX_WAIT.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			pending.cancel(false);
			Thread.currentThread().interrupt();
			throw new QueryTimeoutException("Interrupted while recording a view", ex);
		}
		(stored.counted() ? this.counted : this.repeated).increment();
		return Optional.of(new ViewResult(articleId, stored.total(), stored.counted()));
	}

	public long total(String articleId) {
		Object value = this.redis.opsForHash().get(this.keys.shardOf(articleId).totals(), articleId);
		return (value == null) ? 0 : Long.parseLong(value.toString());
	}

	/**
	 * Visitor ids are hashed: keys stay short and no raw address or user agent is stored.
	 */
	static String visitorKey(String visitor) {
		byte[] digest = SHA_256.get().digest(visitor.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 12);
	}

	/**
	 * One digest per thread: looking the algorithm up for every view showed in a profile.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

}
