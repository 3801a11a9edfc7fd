package com.accesspath.ranking.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.catalog.ArticleCatalog;
import com.accesspath.ranking.catalog.ArticleMetadata;
import com.accesspath.ranking.config.RankingProperties;

/**
 * Records views: one Lua script per view (one round trip), so the repeat check and every counter move together,
 * exactly once, whatever the concurrency and however often a client retries.
 */
@Service
public class ViewRecorder {

	public record ViewResult(String articleId, long views, boolean counted) {
	}

	/**
	 * The script's text is read once: a script made from a {@code Resource} asks the resource whether it changed (a
	 * look into the jar) before every call to know its SHA-1, a visible share of each view's CPU in a profile.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RECORD_VIEW = RedisScript.of(RankingKeys.script("scripts/record-view.lua"), List.class);

	private final StringRedisTemplate redis;

	private final ArticleCatalog catalog;

	private final RankingProperties properties;

	private final Pattern bots;

	private final Clock clock;

	private final Counter counted;

	private final Counter repeated;

	private final Counter botViews;

	private final Counter refused;

	private final Counter unavailable;

	ViewRecorder(StringRedisTemplate redis, ArticleCatalog catalog, RankingProperties properties, Clock clock,
			MeterRegistry meters) {
		this.redis = redis;
		this.catalog = catalog;
		this.properties = properties;
		this.clock = clock;
		List<String> fragments = properties.botUserAgents().stream().filter(fragment -> !fragment.isBlank()).toList();
		// No fragments configured means no bots, not "everything is a bot".
		this.bots = fragments.isEmpty() ? null
				: Pattern.compile(String.join("|", fragments.stream().map(Pattern::quote).toList()), Pattern.CASE_INSENSITIVE);
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
		Instant now = this.clock.instant();
		String siteBucket = RankingKeys.siteHour(now);
		String categoryBucket = (metadata.categoryKey() != null) ? RankingKeys.categoryHour(metadata.categoryKey(), now)
				: siteBucket;
		List<String> keys = List.of(RankingKeys.seen(articleId, visitorKey(visitor)), RankingKeys.totals(), siteBucket,
				categoryBucket, RankingKeys.tagHour(now));
		List<String> args = new ArrayList<>();
		args.add(articleId);
		args.add(Long.toString(this.properties.repeatWindow().toSeconds()));
		args.add(Long.toString(RankingKeys.BUCKET_TTL_SECONDS));
		args.addAll(metadata.tagsOrEmpty());
		List<?> result;
		try {
			result = this.redis.execute(RECORD_VIEW, keys, args.toArray());
		}
		catch (RuntimeException ex) {
			this.unavailable.increment();
			throw ex;
		}
		boolean wasCounted = ((Number) result.get(0)).longValue() == 1;
		(wasCounted ? this.counted : this.repeated).increment();
		return Optional.of(new ViewResult(articleId, ((Number) result.get(1)).longValue(), wasCounted));
	}

	public long total(String articleId) {
		Object value = this.redis.opsForHash().get(RankingKeys.totals(), articleId);
		return (value == null) ? 0 : Long.parseLong(value.toString());
	}

	/** Visitor ids are hashed: keys stay short and no raw address or user agent is stored. */
	static String visitorKey(String visitor) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(visitor.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
