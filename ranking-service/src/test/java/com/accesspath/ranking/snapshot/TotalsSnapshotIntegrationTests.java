package com.accesspath.ranking.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.http.HttpHeaders;

import com.accesspath.devstack.DevStack;
import com.accesspath.devstack.test.TestDatabases;
import com.accesspath.ranking.RankingIntegrationTestSupport;
import com.accesspath.ranking.RankingKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
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
			assertThat(redis.opsForHash().entries(RankingKeys.totals())).containsOnlyKeys(A1);
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
		}

		private void awaitRedis() {
			await().atMost(Duration.ofSeconds(15))
				.ignoreExceptions()
				.until(() -> "PONG".equals(redis.execute((RedisCallback<String>) connection -> connection.ping())));
		}

	}

}
