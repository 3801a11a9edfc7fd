package com.accesspath.ranking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.ClassPathResource;

/**
 * Every Redis key of ranking-service, in one place. All keys carry the hash tag
 * {@code {rk}}: a view's Lua script and a window's ZUNIONSTORE touch many keys at once,
 * and on a Redis Cluster multi-key commands need one slot. The whole ranking dataset
 * therefore lives on one shard (it is small: see README, "Redis keys").
 *
 * <pre>
 * rk:{rk}:seen:&lt;articleId&gt;:&lt;visitor&gt;   string, TTL = repeat window   a visitor's recent view
 * rk:{rk}:total                        hash articleId → views            all-time totals (snapshotted to MongoDB)
 * rk:{rk}:restored                     string                            set once totals were restored after a wipe
 * rk:{rk}:restored-ids                 hash articleId → views            how much of each snapshot was added back
 * rk:{rk}:dirty                        set articleId                     totals changed since the last snapshot
 * rk:{rk}:dirty-draining               set articleId                     taken by the snapshot leader, not yet written
 * rk:{rk}:snapshot-lease               string, TTL = snapshot interval   the replica that snapshots this interval
 * rk:{rk}:h:site:&lt;yyyyMMddHH&gt;          zset articleId → views, TTL 8 d   the hour's views, whole site
 * rk:{rk}:h:cat:&lt;leaf&gt;:&lt;yyyyMMddHH&gt;    zset articleId → views, TTL 8 d   the hour's views in a leaf category
 * rk:{rk}:h:tag:&lt;yyyyMMddHH&gt;           zset tag → views, TTL 8 d         the hour's views per tag
 * rk:{rk}:u:&lt;name&gt;                      zset, TTL 1 min                   a computed window (ZUNIONSTORE result)
 * </pre>
 */
public final class RankingKeys {

	private static final String PREFIX = "rk:{rk}:";

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

	/**
	 * Hour buckets live a little longer than the longest window (7 days) and then expire.
	 */
	public static final long BUCKET_TTL_SECONDS = 8 * 24 * 3600;

	private RankingKeys() {
	}

	/**
	 * A Lua script's text from the classpath, read once when the script constant is made.
	 */
	public static String script(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
	}

	public static String seen(String articleId, String visitor) {
		return PREFIX + "seen:" + articleId + ":" + visitor;
	}

	public static String totals() {
		return PREFIX + "total";
	}

	public static String restoredMarker() {
		return PREFIX + "restored";
	}

	public static String restoredIds() {
		return PREFIX + "restored-ids";
	}

	public static String dirty() {
		return PREFIX + "dirty";
	}

	public static String dirtyDraining() {
		return PREFIX + "dirty-draining";
	}

	public static String snapshotLease() {
		return PREFIX + "snapshot-lease";
	}

	public static String siteHour(Instant at) {
		return PREFIX + "h:site:" + HOUR.format(at);
	}

	public static String categoryHour(String leaf, Instant at) {
		return PREFIX + "h:cat:" + leaf + ":" + HOUR.format(at);
	}

	public static String tagHour(Instant at) {
		return PREFIX + "h:tag:" + HOUR.format(at);
	}

	public static String union(String name) {
		return PREFIX + "u:" + name;
	}

	/** The hour buckets of the last {@code hours} hours, the current one included. */
	public static List<Instant> hours(Instant now, int hours) {
		Instant current = now.truncatedTo(ChronoUnit.HOURS);
		List<Instant> result = new ArrayList<>(hours);
		for (int i = 0; i < hours; i++) {
			result.add(current.minus(i, ChronoUnit.HOURS));
		}
		return result;
	}

}
