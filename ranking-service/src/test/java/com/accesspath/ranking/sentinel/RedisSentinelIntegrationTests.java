package com.accesspath.ranking.sentinel;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.accesspath.devstack.LocalRedisSentinel;
import com.accesspath.ranking.RankingIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * ranking-service given only a Sentinel and a master's name (as
 * {@code REDIS_SENTINEL_MASTER} and {@code REDIS_SENTINEL_NODES} give it): it asks the
 * Sentinel where the master is and counts there.
 */
class RedisSentinelIntegrationTests extends RankingIntegrationTestSupport {

	static final LocalRedisSentinel sentinel = LocalRedisSentinel.start();

	@DynamicPropertySource
	static void sentinelOnly(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.sentinel.master", () -> LocalRedisSentinel.MASTER_NAME);
		registry.add("spring.data.redis.sentinel.nodes", sentinel::sentinelNodes);
	}

	@Autowired
	RedisConnectionFactory connections;

	@Test
	void viewsAndHotListsGoToTheMasterTheSentinelNames() throws Exception {
		assertThat(((LettuceConnectionFactory) this.connections).getSentinelConfiguration()).isNotNull();
		articleService.add("s1", "policy", "x");
		for (int i = 0; i < 3; i++) {
			view("s1", "v" + i).andExpect(status().isAccepted());
		}
		view("s1", "v0").andExpect(jsonPath("$.counted").value(false));
		assertThat(total("s1")).isEqualTo(3);
		publish();
		mvc.perform(get("/api/rankings/hot")).andExpect(jsonPath("$.items[0].views").value(3));
		try (RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", sentinel.masterPort()));
				StatefulRedisConnection<String, String> master = client.connect()) {
			assertThat(master.sync().keys("rk:*:total")).as("the data is on the Sentinel's master").isNotEmpty();
		}
	}

}
