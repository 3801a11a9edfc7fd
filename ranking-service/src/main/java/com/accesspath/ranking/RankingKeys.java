package com.accesspath.ranking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import io.lettuce.core.cluster.SlotHash;

import org.springframework.core.io.ClassPathResource;

/**
 * Every Redis key of ranking-service, in one place.
 *
 * <p>
 * The data is split into a fixed number of <em>shards</em> by article id. All keys of a
 * shard carry the shard's hash tag, so that one view's script (its repeat marker, the
 * article's total, hour buckets and rolling windows) touches one Redis Cluster slot,
 * while different articles spread over every master. The tags are chosen so that the
 * shards' slots are evenly spaced over 0–16383: whatever contiguous slot ranges a cluster
 * gives its masters, each master holds its share of the shards. Keys that are not an
 * article's (leases, the published lists, the layout) carry small tags of their own.
 *
 * <pre>
 * per shard, tag T (e.g. {s3.17}):
 * rk:{T}:seen:&lt;articleId&gt;:&lt;visitor&gt;    string, TTL = repeat window   a visitor's recent view
 * rk:{T}:total                          hash articleId → views            all-time totals (snapshotted to MongoDB)
 * rk:{T}:dirty, rk:{T}:dirty-draining   sets of articleId                 totals changed since the last snapshot
 * rk:{T}:restored                       string                            the shard's totals were restored after a wipe
 * rk:{T}:restored-ids                   hash articleId → views            how much of each snapshot was added back
 * rk:{T}:restored-hours                 hash article|hour → views, TTL 8 d   the same for the hours of the hot lists
 * rk:{T}:h:site:&lt;yyyyMMddHH&gt;           zset articleId → views, TTL 8 d   the hour's views
 * rk:{T}:h:cat:&lt;leaf&gt;:&lt;yyyyMMddHH&gt;     zset articleId → views, TTL 8 d   the hour's views in a leaf category
 * rk:{T}:h:tag:&lt;yyyyMMddHH&gt;            zset tag → views, TTL 8 d         the hour's views per tag
 * rk:{T}:h:leaves:&lt;yyyyMMddHH&gt;         set of leaf, TTL 8 d              the leaves with a bucket that hour
 * rk:{T}:w:&lt;24h|7d&gt;:site               zset articleId → views            rolling window: the buckets not yet expired
 * rk:{T}:w:&lt;24h|7d&gt;:cat:&lt;leaf&gt;         zset articleId → views            the same per leaf category
 * rk:{T}:w:7d:tag                       zset tag → views                  the same per tag
 * rk:{T}:w:&lt;24h|7d&gt;:expired            string yyyyMMddHH                 the newest hour subtracted from that window
 * rk:{T}:w:expiring                     hash                              how far each bucket's subtraction went
 * shared:
 * rk:{meta}:shards                      string                            the shard count the data was written with
 * rk:{lease}:hot-lists, rk:{lease}:snapshot   string, TTL                the replica that runs the job
 * rk:{top}:&lt;24h|7d&gt;:site, rk:{top}:&lt;24h|7d&gt;:cat:&lt;leaf&gt;, rk:{top}:7d:tags   string (JSON)   the published tops
 * </pre>
 */
public final class RankingKeys {

	/** Redis Cluster's slot count. */
	static final int SLOTS = 16384;

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

	/**
	 * Hour buckets live a little longer than the longest window (7 days) and then expire.
	 */
	public static final long BUCKET_TTL_SECONDS = 8 * 24 * 3600;

	private final List<Shard> shards;

	public RankingKeys(int shardCount) {
		if (shardCount < 1 || shardCount > SLOTS) {
			throw new IllegalArgumentException("shards must be from 1 to " + SLOTS + ", not " + shardCount);
		}
		List<Shard> list = new ArrayList<>(shardCount);
		for (int i = 0; i < shardCount; i++) {
			list.add(new Shard(i, tagFor(i, shardCount)));
		}
		this.shards = List.copyOf(list);
	}

	/**
	 * The first tag {@code s<i>.<n>} whose slot lies in the shard's even share of the
	 * slots.
	 */
	static String tagFor(int shard, int shardCount) {
		int from = (int) ((long) shard * SLOTS / shardCount);
		int to = (int) ((long) (shard + 1) * SLOTS / shardCount);
		for (int n = 0;; n++) {
			String tag = "s" + shard + "." + n;
			int slot = SlotHash.getSlot(tag);
			if (slot >= from && slot < to) {
				return tag;
			}
		}
	}

	public List<Shard> shards() {
		return this.shards;
	}

	/** The shard of an article: fixed by its id, the same in every replica. */
	public Shard shardOf(String articleId) {
		CRC32 crc = new CRC32();
		crc.update(articleId.getBytes(StandardCharsets.UTF_8));
		return this.shards.get((int) (crc.getValue() % this.shards.size()));
	}

	public static String shardCount() {
		return "rk:{meta}:shards";
	}

	public static String hotListLease() {
		return "rk:{lease}:hot-lists";
	}

	public static String snapshotLease() {
		return "rk:{lease}:snapshot";
	}

	/** A published top: {@code 24h:site}, {@code 7d:cat:policy}, {@code 7d:tags}. */
	public static String published(String list) {
		return "rk:{top}:" + list;
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

	public static String hour(Instant at) {
		return HOUR.format(at);
	}

	public static Instant parseHour(String hour) {
		return LocalDateTime.parse(hour, HOUR).toInstant(ZoneOffset.UTC);
	}

	/** One shard's keys; {@code tag} is its hash tag. */
	public record Shard(int index, String tag) {

		private String prefix() {
			return "rk:{" + this.tag + "}:";
		}

		public String seen(String articleId, String visitor) {
			return prefix() + "seen:" + articleId + ":" + visitor;
		}

		public String totals() {
			return prefix() + "total";
		}

		public String dirty() {
			return prefix() + "dirty";
		}

		public String dirtyDraining() {
			return prefix() + "dirty-draining";
		}

		public String restoredMarker() {
			return prefix() + "restored";
		}

		public String restoredIds() {
			return prefix() + "restored-ids";
		}

		public String restoredHours() {
			return prefix() + "restored-hours";
		}

		public String siteHour(Instant at) {
			return prefix() + "h:site:" + hour(at);
		}

		public String categoryHour(String leaf, Instant at) {
			return prefix() + "h:cat:" + leaf + ":" + hour(at);
		}

		public String tagHour(Instant at) {
			return prefix() + "h:tag:" + hour(at);
		}

		public String leavesOfHour(Instant at) {
			return prefix() + "h:leaves:" + hour(at);
		}

		public String siteWindow(String window) {
			return prefix() + "w:" + window + ":site";
		}

		public String categoryWindow(String window, String leaf) {
			return prefix() + "w:" + window + ":cat:" + leaf;
		}

		public String tagWindow() {
			return prefix() + "w:7d:tag";
		}

		public String expiredThrough(String window) {
			return prefix() + "w:" + window + ":expired";
		}

		public String expiring() {
			return prefix() + "w:expiring";
		}

	}

}
