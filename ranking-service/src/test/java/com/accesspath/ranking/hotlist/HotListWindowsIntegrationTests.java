package com.accesspath.ranking.hotlist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.accesspath.devstack.test.MutableClock;
import com.accesspath.ranking.RankingIntegrationTestSupport;
import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.RankingKeys.Shard;
import com.accesspath.ranking.config.RankingProperties;
import com.accesspath.ranking.redis.AsyncRedis;
import com.accesspath.ranking.view.ViewRecorderAccess;
import com.accesspath.ranking.view.ViewRecorderAccess.View;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The rolling windows over time: views dated at given hours (as a replica whose clock
 * says so), a leader whose clock is moved on, and the lists read as clients read them.
 * Counts are exact at hourly granularity: an hour leaves a window whole, once.
 */
class HotListWindowsIntegrationTests extends RankingIntegrationTestSupport {

	static final Instant T0 = Instant.parse("2026-03-04T10:15:00Z");

	@Autowired
	RankingProperties properties;

	@Autowired
	JsonMapper json;

	final MutableClock clock = new MutableClock();

	HotListPublisher leader;

	@BeforeEach
	void leaderWithItsOwnClock() {
		this.clock.set(T0);
		this.leader = new HotListPublisher(redis, context.getBean(AsyncRedis.class), keys, categories, this.json,
				this.properties, this.clock, new SimpleMeterRegistry());
	}

	@Test
	void anHourLeavesTheDayAndThenTheWeekWhole() throws Exception {
		articleService.add("w1", "policy", "x");
		articleService.add("w2", "tech", "y");
		write(T0, "w1", "policy", List.of("x"), 3);
		write(T0, "w2", "tech", List.of("y"), 1);
		write(T0.plus(Duration.ofHours(2)), "w2", "tech", List.of("y"), 4);
		at(T0.plus(Duration.ofHours(2)));
		assertThat(views("window=24h")).containsExactly(Map.entry("w2", 5), Map.entry("w1", 3));
		assertThat(views("window=7d&category=policy")).containsExactly(Map.entry("w1", 3));
		assertThat(tags()).containsExactly(Map.entry("y", 5), Map.entry("x", 3));

		// The next day, 10:xx: the 24 hours are 11:00 yesterday to now; T0's hour left.
		at(T0.plus(Duration.ofHours(24)));
		assertThat(views("window=24h")).containsExactly(Map.entry("w2", 4));
		assertThat(views("window=24h&category=policy")).isEmpty();
		assertThat(views("window=24h&category=news")).as("a group: its leaves merged")
			.containsExactly(Map.entry("w2", 4));
		assertThat(views("window=7d")).containsExactly(Map.entry("w2", 5), Map.entry("w1", 3));
		assertThat(tags()).as("tags count 7 days").containsExactly(Map.entry("y", 5), Map.entry("x", 3));

		at(T0.plus(Duration.ofDays(7)));
		assertThat(views("window=7d")).containsExactly(Map.entry("w2", 4));
		assertThat(tags()).containsExactly(Map.entry("y", 4));
		at(T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(2)));
		assertThat(views("window=7d")).isEmpty();
		assertThat(tags()).isEmpty();
		assertThat(redis.keys("rk:*:w:*:site")).as("windows left empty are gone").isEmpty();
		assertThat(redis.keys("rk:*:w:*:cat:*")).isEmpty();
		assertThat(redis.keys("rk:*:w:7d:tag")).isEmpty();
	}

	@Test
	void aBucketLargerThanAChunkLeavesWhole() {
		int articles = 2 * HotListPublisher.EXPIRY_CHUNK + 234;
		List<View> views = new ArrayList<>();
		for (int i = 0; i < articles; i++) {
			views.add(new View("c" + i, "v", "policy", List.of()));
		}
		ViewRecorderAccess.writeAt(context, T0, views);
		// Per shard the bucket is smaller than a chunk; one shard's bucket alone is made
		// larger.
		Shard shard = keys.shards().get(0);
		for (int i = 0; i < 3 * HotListPublisher.EXPIRY_CHUNK; i++) {
			redis.opsForZSet().incrementScore(shard.siteHour(T0), "big" + i, 1);
			redis.opsForZSet().incrementScore(shard.siteWindow("24h"), "big" + i, 1);
		}
		at(T0);
		assertThat(members("24h:site")).isEqualTo(articles + 3L * HotListPublisher.EXPIRY_CHUNK);
		at(T0.plus(Duration.ofHours(24)));
		assertThat(members("24h:site")).isZero();
		assertThat(members("24h:cat:policy")).isZero();
		assertThat(members("7d:site")).isEqualTo(articles);
		assertThat(redis.keys("rk:*:w:expiring")).as("progress is dropped once an hour is done")
			.allSatisfy(key -> assertThat(redis.opsForHash().size(key)).isZero());
	}

	@Test
	void anExpiryInterruptedMidBucketResumesWithoutSubtractingTwice() {
		// Each article: two views in T0's hour, one the hour after.
		List<View> first = new ArrayList<>();
		List<View> second = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			first.add(new View("r" + i, "v1", null, List.of()));
			first.add(new View("r" + i, "v2", null, List.of()));
			second.add(new View("r" + i, "v3", null, List.of()));
		}
		ViewRecorderAccess.writeAt(context, T0, first);
		ViewRecorderAccess.writeAt(context, T0.plus(Duration.ofHours(1)), second);
		at(T0.plus(Duration.ofHours(1)));
		// A leader that died after the first chunk of one shard's bucket.
		Shard shard = keys.shardOf("r0");
		Long done = redis.execute(RedisScript.of(RankingKeys.script("scripts/expire-bucket.lua"), Long.class),
				List.of(shard.siteHour(T0), shard.siteWindow("24h"), shard.expiring()),
				HotListPublisher.progressField(Window.H24, shard.siteHour(T0)), "5", "3600");
		assertThat(done).isEqualTo(5);
		at(T0.plus(Duration.ofHours(24)));
		for (Shard each : keys.shards()) {
			redis.opsForZSet()
				.rangeWithScores(each.siteWindow("24h"), 0, -1)
				.forEach(member -> assertThat(member.getScore()).as(member.getValue()).isEqualTo(1.0));
		}
		assertThat(members("24h:site")).isEqualTo(300);
	}

	@Test
	void theUpkeepNeverWaitsForTheSnapshotsThread() {
		assertThat(context.getBean(ThreadPoolTaskScheduler.class).getScheduledThreadPoolExecutor().getCorePoolSize())
			.as("one thread per scheduled job: upkeep, snapshot, taxonomy")
			.isEqualTo(3);
	}

	@Test
	void oneLeaderAtATime() {
		HotListPublisher other = new HotListPublisher(redis, context.getBean(AsyncRedis.class), keys, categories,
				this.json, this.properties, this.clock, new SimpleMeterRegistry());
		assertThat(this.leader.tick()).isTrue();
		assertThat(other.tick()).isFalse();
		assertThat(this.leader.tick()).as("the leader keeps its lease").isTrue();
		redis.delete(RankingKeys.hotListLease());
		assertThat(other.tick()).as("a lapsed lease is taken over").isTrue();
		assertThat(this.leader.tick()).isFalse();
	}

	private void write(Instant at, String article, String leaf, List<String> tags, int visitors) {
		List<View> views = new ArrayList<>();
		for (int i = 0; i < visitors; i++) {
			views.add(new View(article, article + "-" + at + "-" + i, leaf, tags));
		}
		ViewRecorderAccess.writeAt(context, at, views);
	}

	/** The leader's clock says {@code now}, and it runs a round. */
	private void at(Instant now) {
		this.clock.set(now);
		assertThat(this.leader.tick()).isTrue();
	}

	private List<Map.Entry<String, Integer>> views(String query) throws Exception {
		String body = mvc.perform(get("/api/rankings/hot?limit=50&" + query))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> ids = JsonPath.read(body, "$.items[*].article.id");
		List<Integer> views = JsonPath.read(body, "$.items[*].views");
		List<Map.Entry<String, Integer>> result = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			result.add(Map.entry(ids.get(i), views.get(i)));
		}
		return result;
	}

	private List<Map.Entry<String, Integer>> tags() throws Exception {
		String body = mvc.perform(get("/api/rankings/tags")).andReturn().getResponse().getContentAsString();
		List<String> tags = JsonPath.read(body, "$[*].tag");
		List<Integer> scores = JsonPath.read(body, "$[*].score");
		List<Map.Entry<String, Integer>> result = new ArrayList<>();
		for (int i = 0; i < tags.size(); i++) {
			result.add(Map.entry(tags.get(i), scores.get(i)));
		}
		return result;
	}

	/** Members of a window over all shards ({@code 24h:site}, {@code 7d:cat:policy}). */
	private long members(String window) {
		long members = 0;
		for (Shard shard : keys.shards()) {
			String key = window.endsWith(":site") ? shard.siteWindow(window.substring(0, window.indexOf(':')))
					: shard.categoryWindow(window.substring(0, window.indexOf(':')),
							window.substring(window.lastIndexOf(':') + 1));
			Long size = redis.opsForZSet().zCard(key);
			members += (size != null) ? size : 0;
		}
		return members;
	}

}
