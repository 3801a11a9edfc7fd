package com.accesspath.ranking.snapshot;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.http.HttpHeaders;

import com.accesspath.devstack.DevStack;
import com.accesspath.devstack.test.TestDatabases;
import com.accesspath.ranking.RankingIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Counts survive Redis: the totals' snapshot in MongoDB, and a Redis outage. */
class TotalsSnapshotIntegrationTests extends RankingIntegrationTestSupport {

	@Autowired
	TotalsSnapshot snapshot;

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
		void redisOutageGives503QuicklyAndRecoversWithoutRestart() throws Exception {
			DevStack devStack = TestDatabases.get().devStack().orElse(null);
			assumeTrue(devStack != null, "drills Redis through devstack");
			articleService.add("a1", "tech");
			view("a1", "v1").andExpect(status().isAccepted());
			mvc.perform(get("/api/rankings/hot")).andExpect(status().isOk());
			hotLists.forget();
			mvc.perform(get("/api/rankings/hot")).andExpect(status().isOk());
			devStack.stopRedis();
			try {
				long started = System.nanoTime();
				view("a1", "v2").andExpect(status().isServiceUnavailable()).andExpect(header().exists(HttpHeaders.RETRY_AFTER));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
				mvc.perform(get("/api/rankings/hot"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.stale").value(true))
					.andExpect(jsonPath("$.items[0].article.id").value("a1"));
				mvc.perform(get("/api/views/a1")).andExpect(status().isServiceUnavailable());
			}
			finally {
				devStack.startRedis();
				await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> "PONG".equals(redis.execute(
						(RedisCallback<String>) connection -> connection.ping())));
			}
			view("a1", "v3").andExpect(status().isAccepted());
		}

	}

}
