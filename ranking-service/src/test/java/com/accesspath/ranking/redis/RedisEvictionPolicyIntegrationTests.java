package com.accesspath.ranking.redis;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.api.async.RedisAsyncCommands;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.accesspath.ranking.RankingIntegrationTestSupport;
import com.accesspath.ranking.redis.RedisEvictionPolicy.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The start-up check of Redis's {@code maxmemory-policy}, on the test's real Redis: the
 * policy is changed with {@code CONFIG SET} and put back afterwards.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisEvictionPolicyIntegrationTests extends RankingIntegrationTestSupport {

	static final String USER = "ranking-without-config";

	@Autowired
	RedisEvictionPolicy evictionPolicy;

	String original;

	@BeforeEach
	void rememberThePolicy() {
		this.original = policy();
		assumeTrue(this.original != null, "this Redis refuses CONFIG GET");
	}

	@AfterEach
	void restoreThePolicy() {
		if (this.original != null) {
			setPolicy(this.original);
			this.evictionPolicy.check();
		}
	}

	@Test
	void anEvictingPolicyIsWarnedAboutAndShownInHealthAndTheGauge(CapturedOutput output) {
		setPolicy("allkeys-lru");
		assertThat(this.evictionPolicy.check().state()).isEqualTo(State.EVICTING);
		assertThat(output).contains("WARN").contains("maxmemory-policy is allkeys-lru, not noeviction");
		assertThat(this.meters.get("ranking.redis.eviction.safe").gauge().value()).isZero();
		Health health = this.evictionPolicy.health();
		assertThat(health.getStatus()).as("a risk, not an outage").isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", State.EVICTING)
			.containsEntry("maxmemory-policy", "allkeys-lru");
	}

	@Test
	void noevictionIsSafe(CapturedOutput output) {
		setPolicy("noeviction");
		assertThat(this.evictionPolicy.check().state()).isEqualTo(State.SAFE);
		assertThat(this.meters.get("ranking.redis.eviction.safe").gauge().value()).isEqualTo(1);
		assertThat(this.evictionPolicy.health().getDetails()).containsEntry("maxmemory-policy", "noeviction");
		assertThat(output).doesNotContain("maxmemory-policy is noeviction, not");
	}

	@Test
	void aRedisThatRefusesConfigIsReportedAsNotChecked(CapturedOutput output) {
		// As on a managed Redis: a user whose ACL denies CONFIG.
		LettuceConnectionFactory shared = (LettuceConnectionFactory) this.redis.getConnectionFactory();
		try {
			command("ACL", "SETUSER", USER, "on", ">secret", "~*", "+@all", "-config");
		}
		catch (RuntimeException ex) {
			assumeTrue(false, "this Redis has no ACL SETUSER: " + ex.getMessage());
		}
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(shared.getHostName(), shared.getPort());
		server.setUsername(USER);
		server.setPassword("secret");
		LettuceConnectionFactory limited = new LettuceConnectionFactory(server);
		limited.afterPropertiesSet();
		limited.start();
		try {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			RedisEvictionPolicy check = new RedisEvictionPolicy(new StringRedisTemplate(limited), meters);
			assertThat(check.check().state()).isEqualTo(State.UNKNOWN);
			assertThat(output).contains("WARN").contains("maxmemory-policy could not be checked");
			assertThat(meters.get("ranking.redis.eviction.safe").gauge().value()).isEqualTo(-1);
			assertThat(check.health().getDetails()).containsEntry("state", State.UNKNOWN).containsKey("reason");
		}
		finally {
			limited.destroy();
			this.redis.execute((RedisCallback<Long>) connection -> LettuceFutures.awaitOrCancel(
					((RedisAsyncCommands<?, ?>) connection.getNativeConnection()).aclDeluser(USER), 5,
					TimeUnit.SECONDS));
		}
	}

	private String policy() {
		try {
			Properties config = this.redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands()
				.getConfig(RedisEvictionPolicy.SETTING));
			return (config != null) ? config.getProperty(RedisEvictionPolicy.SETTING) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void setPolicy(String policy) {
		this.redis.execute((RedisCallback<Object>) connection -> {
			connection.serverCommands().setConfig(RedisEvictionPolicy.SETTING, policy);
			return null;
		});
	}

	private void command(String command, String... args) {
		byte[][] bytes = new byte[args.length][];
		for (int i = 0; i < args.length; i++) {
			bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
		}
		this.redis.execute((RedisCallback<Object>) connection -> connection.execute(command, bytes));
	}

}
