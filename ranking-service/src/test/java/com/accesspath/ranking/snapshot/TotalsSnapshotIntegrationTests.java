package com.accesspath.ranking.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.http.HttpHeaders;

import com.accesspath.devstack.DevStack;
import com.accesspath.devstack.test.TestDatabases;
import com.accesspath.ranking.RankingIntegrationTestSupport;
import com.accesspath.ranking.RankingKeys;
import com.accesspath.ranking.config.RankingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Counts survive Redis: the totals' snapshot in MongoDB, and a Redis outage. */
class TotalsSnapshotIntegrationTests extends RankingIntegrationTestSupport {

	/**
	 * Long enough for the three outage answers (each bounded by the 500 ms Redis
	 * timeout), short for the suite.
	 */
	static final Duration PAUSE = Duration.ofSeconds(4);

	@Autowired
	TotalsSnapshot snapshot;

	@Autowired
	RankingProperties properties;

	@Autowired
	ViewHours hours;

	@Autowired
	Clock clock;

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Nested
	class RealArticleIds {

		static final String A1 = "6650a1b2c3d4e5f6a7b8c9d0";

		static final String A2 = "6650a1b2c3d4e5f6a7b8c9d1";

		@Test
		void totalsOfArticlesWithObjectIdLikeIdsComeBackAfterFlushall() throws Exception {
			articleService.add(A1, "tech");
			articleService.add(A2, "tech");
			for (int i = 0; i < 5; i++) {
				view(A1, "v" + i);
			}
			view(A2, "v");
			assertThat(snapshot.snapshot()).isEqualTo(2);
			assertThat(mongo.getCollection(TotalsSnapshot.COLLECTION).find().map(total -> total.get("_id")))
				.as("ids stay strings in MongoDB")
				.containsExactlyInAnyOrder(A1, A2);
			flushRedis();
			view(A1, "after-wipe");
			snapshot.tick();
			assertThat(total(A1)).isEqualTo(6);
			assertThat(total(A2)).isEqualTo(1);
			snapshot.tick();
			assertThat(total(A1)).as("restored once only").isEqualTo(6);
		}

		@Test
		void aSnapshotWrittenByTheOldCodeWithObjectIdsStillRestores() throws Exception {
			mongo.getCollection(TotalsSnapshot.COLLECTION)
				.insertOne(new Document("_id", new ObjectId(A1)).append("views", 7L));
			flushRedis();
			snapshot.tick();
			assertThat(total(A1)).isEqualTo(7);
			assertThat(redis.opsForHash().entries(keys.shardOf(A1).totals())).containsOnlyKeys(A1);
		}

		@Test
		void anArticleWithAnOldAndANewDocumentGetsTheLargerCount() throws Exception {
			mongo.getCollection(TotalsSnapshot.COLLECTION)
				.insertOne(new Document("_id", new ObjectId(A1)).append("views", 7L));
			mongo.getCollection(TotalsSnapshot.COLLECTION).insertOne(new Document("_id", A1).append("views", 9L));
			mongo.getCollection(TotalsSnapshot.COLLECTION)
				.insertOne(new Document("_id", new ObjectId(A2)).append("views", 5L));
			mongo.getCollection(TotalsSnapshot.COLLECTION).insertOne(new Document("_id", A2).append("views", 3L));
			flushRedis();
			snapshot.tick();
			assertThat(total(A1)).isEqualTo(9);
			assertThat(total(A2)).isEqualTo(5);
			snapshot.tick();
			assertThat(total(A1)).as("restored once only").isEqualTo(9);
		}

	}

	@Nested
	class OnlyWhatChanged {

		static final String A1 = "6650a1b2c3d4e5f6a7b8c9d0";

		static final String A2 = "6650a1b2c3d4e5f6a7b8c9d1";

		@Test
		void onlyArticlesWhoseTotalMovedAreWritten() throws Exception {
			articleService.add(A1, "tech");
			articleService.add(A2, "tech");
			view(A1, "v1");
			view(A2, "v1");
			assertThat(dirtyArticles()).containsExactlyInAnyOrder(A1, A2);
			assertThat(snapshot.snapshot()).isEqualTo(2);
			assertThat(dirtyArticles()).isEmpty();
			assertThat(redis.keys("rk:*:dirty-draining")).isEmpty();
			Object a2WrittenAt = document(A2).get("updatedAt");
			assertThat(a2WrittenAt).isNotNull();
			assertThat(snapshot.snapshot()).as("nothing changed, nothing written").isZero();
			view(A1, "v2");
			view(A2, "v1").andExpect(jsonPath("$.counted").value(false));
			assertThat(dirtyArticles()).as("a repeat moves no total").containsExactly(A1);
			assertThat(snapshot.snapshot()).isEqualTo(1);
			assertThat(document(A1).get("views")).isEqualTo(2L);
			assertThat(document(A2).get("updatedAt")).as("untouched").isEqualTo(a2WrittenAt);
		}

		@Test
		void restoredTotalsAreNotWrittenBackButViewsAfterTheWipeAre() throws Exception {
			mongo.getCollection(TotalsSnapshot.COLLECTION).insertOne(new Document("_id", A1).append("views", 7L));
			mongo.getCollection(TotalsSnapshot.COLLECTION).insertOne(new Document("_id", A2).append("views", 3L));
			articleService.add(A2, "tech");
			flushRedis();
			view(A2, "after-wipe");
			snapshot.tick();
			assertThat(total(A1)).isEqualTo(7);
			assertThat(total(A2)).isEqualTo(4);
			assertThat(document(A1).get("updatedAt")).as("restored, unchanged").isNull();
			assertThat(document(A2).get("views")).isEqualTo(4L);
		}

		@Test
		void twoReplicasRacingGiveOneLeader() throws Exception {
			articleService.add(A1, "tech");
			articleService.add(A2, "tech");
			view(A1, "v1");
			view(A2, "v1");
			TotalsSnapshot other = new TotalsSnapshot(redis, keys, mongo, hours, properties, clock);
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService executor = Executors.newFixedThreadPool(2);
			try {
				Future<Integer> first = executor.submit(() -> {
					start.await();
					return snapshot.snapshot();
				});
				Future<Integer> second = executor.submit(() -> {
					start.await();
					return other.snapshot();
				});
				start.countDown();
				assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS)))
					.containsExactlyInAnyOrder(2, 0);
			}
			finally {
				executor.shutdownNow();
			}
			String leader = redis.opsForValue().get(RankingKeys.snapshotLease());
			view(A1, "v2");
			int byFirst = snapshot.snapshot();
			int byOther = other.snapshot();
			assertThat(byFirst + byOther).as("the leader keeps the lease for the next interval").isEqualTo(1);
			assertThat(redis.opsForValue().get(RankingKeys.snapshotLease())).isEqualTo(leader);
			assertThat(redis.getExpire(RankingKeys.snapshotLease(), TimeUnit.MILLISECONDS)).isPositive()
				.isLessThanOrEqualTo(properties.snapshotInterval().toMillis());
			assertThat(document(A1).get("views")).isEqualTo(2L);
		}

		@Test
		void aChangedArticleSurvivesAFailedMongoWrite() throws Exception {
			articleService.add(A1, "tech");
			view(A1, "v1");
			try (MongoClient unreachable = MongoClients
				.create("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")) {
				TotalsSnapshot failing = new TotalsSnapshot(redis, keys, new MongoTemplate(unreachable, "ranking-test"),
						hours, properties, clock);
				assertThatExceptionOfType(DataAccessException.class).isThrownBy(failing::snapshot);
				assertThat(dirtyArticles()).as("put back").containsExactly(A1);
				assertThat(redis.keys("rk:*:dirty-draining")).isEmpty();
				assertThat(redis.hasKey(RankingKeys.snapshotLease())).as("the failed leader gave way").isFalse();
				failing.tick();
				assertThat(dirtyArticles()).containsExactly(A1);
			}
			assertThat(snapshot.snapshot()).isEqualTo(1);
			assertThat(document(A1).get("views")).isEqualTo(1L);
		}

		@Test
		void articlesLeftInTheDrainingSetByACrashAreWrittenFirst() throws Exception {
			articleService.add(A1, "tech");
			view(A1, "v1");
			// A leader that took A1 and died before writing it.
			redis.opsForSet().move(keys.shardOf(A1).dirty(), A1, keys.shardOf(A1).dirtyDraining());
			assertThat(snapshot.snapshot()).isEqualTo(1);
			assertThat(document(A1).get("views")).isEqualTo(1L);
			assertThat(redis.hasKey(keys.shardOf(A1).dirtyDraining())).isFalse();
		}

		@Test
		void manyChangedArticlesAreWrittenInSeveralBatches() {
			int articles = TotalsSnapshot.DRAIN_BATCH * 2 + 17;
			for (int i = 0; i < articles; i++) {
				String id = String.format("6650a1b2c3d4e5f6%08x", i);
				redis.opsForHash().put(keys.shardOf(id).totals(), id, Integer.toString(i + 1));
				redis.opsForSet().add(keys.shardOf(id).dirty(), id);
			}
			assertThat(snapshot.snapshot()).isEqualTo(articles);
			assertThat(mongo.getCollection(TotalsSnapshot.COLLECTION).countDocuments()).isEqualTo(articles);
			assertThat(document(String.format("6650a1b2c3d4e5f6%08x", 41)).get("views")).isEqualTo(42L);
		}

		private Document document(String articleId) {
			return mongo.getCollection(TotalsSnapshot.COLLECTION).find(new Document("_id", articleId)).first();
		}

	}

	@Nested
	class NothingLost {

		@Test
		void totalsComeBackAfterFlushallFromTheSnapshot() throws Exception {
			articleService.add("a1", "tech");
			articleService.add("a2", "tech");
			for (int i = 0; i < 5; i++) {
				view("a1", "v" + i);
			}
			view("a2", "v");
			assertThat(snapshot.snapshot()).isEqualTo(2);
			flushRedis();
			// A view counted after the wipe and before the restore is kept too.
			view("a1", "after-wipe");
			snapshot.tick();
			assertThat(total("a1")).isEqualTo(6);
			assertThat(total("a2")).isEqualTo(1);
			snapshot.tick();
			assertThat(total("a1")).as("restored once only").isEqualTo(6);
		}

		@Test
		void hotListsComeBackAfterFlushallFromTheSnapshot() throws Exception {
			articleService.add("hp", "policy", "x");
			articleService.add("ht", "tech", "y", "x");
			for (int i = 0; i < 3; i++) {
				view("hp", "v" + i);
			}
			view("ht", "v");
			assertThat(snapshot.snapshot()).isEqualTo(2);
			flushRedis();
			view("ht", "after-wipe");
			snapshot.tick();
			publish();
			for (String window : List.of("24h", "7d")) {
				mvc.perform(get("/api/rankings/hot?window=" + window))
					.andExpect(jsonPath("$.items[*].article.id").value(contains("hp", "ht")))
					.andExpect(jsonPath("$.items[*].views").value(contains(3, 2)))
					.andExpect(jsonPath("$.items[*].totalViews").value(contains(3, 2)));
			}
			mvc.perform(get("/api/rankings/hot?category=policy")).andExpect(jsonPath("$.items[0].views").value(3));
			mvc.perform(get("/api/rankings/tags"))
				.andExpect(jsonPath("$[*].tag").value(contains("x", "y")))
				.andExpect(jsonPath("$[*].score").value(contains(5, 2)));
			// Once only, even when another replica runs a restore again after this
			// replica's drain wrote the totals and hours of after the wipe.
			restoredMarkers().forEach(redis::delete);
			snapshot.tick();
			publish();
			mvc.perform(get("/api/rankings/hot")).andExpect(jsonPath("$.items[*].views").value(contains(3, 2)));
			// And the restored hours leave the windows like any other hour.
			assertThat(redis.keys("rk:*:h:site:*"))
				.allSatisfy(bucket -> assertThat(redis.getExpire(bucket)).isPositive());
		}

		@Test
		void aRedisThatStopsAnsweringGives503QuicklyAndRecoversWithoutRestart() throws Exception {
			// Works on every database path (devstack, Testcontainers, a server of the
			// environment): the server is
			// paused, so every command waits past the client's timeout, as during a
			// failover or a stalled host.
			articleService.add("a1", "tech");
			view("a1", "v1").andExpect(status().isAccepted());
			warmHotList();
			redis.execute((RedisCallback<Object>) connection -> connection.execute("CLIENT", bytes("PAUSE"),
					bytes(Long.toString(PAUSE.toMillis())), bytes("ALL")));
			long pausedAt = System.nanoTime();
			expectOutageAnswers();
			assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).as("the checks ran while Redis was paused")
				.isLessThan(PAUSE);
			awaitRedis();
			// The 503'd view had reached Redis before the client gave up, and counted
			// when Redis resumed: the answer
			// said "not confirmed", not "not counted". The visitor's retry does not count
			// it twice.
			view("a1", "v2").andExpect(status().isAccepted()).andExpect(jsonPath("$.views").value(2));
			view("a1", "v3").andExpect(status().isAccepted()).andExpect(jsonPath("$.views").value(3));
		}

		@Test
		void aRedisProcessThatDiesGives503QuicklyAndRecoversWithoutRestart() throws Exception {
			// Connection refused rather than unanswered: only devstack's Redis is ours to
			// kill; the pause above
			// covers the other database paths.
			DevStack devStack = TestDatabases.get().devStack().orElse(null);
			assumeTrue(devStack != null, "kills Redis through devstack; the paused-Redis test runs everywhere");
			articleService.add("a1", "tech");
			view("a1", "v1").andExpect(status().isAccepted());
			warmHotList();
			devStack.stopRedis();
			try {
				expectOutageAnswers();
			}
			finally {
				devStack.startRedis();
				awaitRedis();
			}
			view("a1", "v3").andExpect(status().isAccepted());
		}

		private void warmHotList() throws Exception {
			publish();
			mvc.perform(get("/api/rankings/hot")).andExpect(status().isOk());
			hotLists.forget();
			mvc.perform(get("/api/rankings/hot")).andExpect(status().isOk());
		}

		private void expectOutageAnswers() throws Exception {
			long started = System.nanoTime();
			view("a1", "v2").andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			mvc.perform(get("/api/rankings/hot"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.stale").value(true))
				.andExpect(jsonPath("$.items[0].article.id").value("a1"));
			mvc.perform(get("/api/views/a1")).andExpect(status().isServiceUnavailable());
			mvc.perform(get("/api/views").param("ids", "6650c3f1e4b0a72b9c0d1e2f"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
		}

		private void awaitRedis() {
			await().atMost(Duration.ofSeconds(15))
				.ignoreExceptions()
				.until(() -> "PONG".equals(redis.execute((RedisCallback<String>) connection -> connection.ping())));
		}

	}

}
