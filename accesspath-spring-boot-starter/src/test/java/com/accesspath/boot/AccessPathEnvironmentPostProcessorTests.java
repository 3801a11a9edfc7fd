package com.accesspath.boot;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.accesspath.boot.env.AccessPathEnvironmentPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AccessPathEnvironmentPostProcessorTests {

	private final AccessPathEnvironmentPostProcessor processor = new AccessPathEnvironmentPostProcessor();

	private StandardEnvironment environment(Map<String, Object> properties, String... profiles) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		environment.setActiveProfiles(profiles);
		return environment;
	}

	@Test
	void localProfileGetsTheLocalSecretAndDefaults() {
		StandardEnvironment environment = environment(Map.of(), "local");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("accesspath.security.jwt-secret"))
			.isEqualTo(AccessPathEnvironmentPostProcessor.LOCAL_JWT_SECRET);
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties"))
			.isEqualTo("true");
	}

	@Test
	void withoutTheLocalProfileMissingSecretsAndDatabaseRefuseToStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment(Map.of()), new SpringApplication()))
			.withMessageContaining("JWT_SECRET")
			.withMessageContaining("MONGODB_URI");
	}

	@Test
	void withoutTheLocalProfileThePublishedLocalSecretIsRefused() {
		Map<String, Object> properties = Map.of("JWT_SECRET", AccessPathEnvironmentPostProcessor.LOCAL_JWT_SECRET,
				"spring.mongodb.uri", "mongodb://db/x");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment(properties), new SpringApplication()))
			.withMessageContaining("published local secret");
	}

	@Test
	void productionWithItsOwnSecretOrIssuerStarts() {
		StandardEnvironment withSecret = environment(Map.of("JWT_SECRET", "a-production-secret-of-at-least-32-bytes!!",
				"spring.mongodb.uri", "mongodb://db/x", "spring.data.redis.url", "redis://r:6379"));
		this.processor.postProcessEnvironment(withSecret, new SpringApplication());
		assertThat(withSecret.getProperty("accesspath.security.jwt-secret")).startsWith("a-production-secret");
		StandardEnvironment withIssuer = environment(Map.of("JWT_ISSUER_URI", "https://id.example.com/realms/ap",
				"spring.mongodb.uri", "mongodb://db/x", "spring.data.redis.url", "redis://r:6379"));
		this.processor.postProcessEnvironment(withIssuer, new SpringApplication());
		assertThat(withIssuer.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
			.isEqualTo("https://id.example.com/realms/ap");
		assertThat(withIssuer.getProperty("accesspath.security.jwt-secret")).isNull();
	}

	@Test
	void redisMayBeAClusterOrASentinelInsteadOfAUrl() {
		Map<String, Object> production = Map.of("JWT_SECRET", "a-production-secret-of-at-least-32-bytes!!",
				"spring.mongodb.uri", "mongodb://db/x");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment(production), new SpringApplication()))
			.withMessageContaining("no REDIS_URL");
		Map<String, Object> cluster = new java.util.HashMap<>(production);
		cluster.put("REDIS_CLUSTER_NODES", "r1:6379,r2:6379,r3:6379");
		StandardEnvironment withCluster = environment(cluster);
		this.processor.postProcessEnvironment(withCluster, new SpringApplication());
		assertThat(withCluster.getProperty("spring.data.redis.cluster.nodes")).isEqualTo("r1:6379,r2:6379,r3:6379");
		assertThat(withCluster.getProperty("spring.data.redis.url")).as("Boot refuses a blank one")
			.isEqualTo("redis://r1:6379");
		Map<String, Object> sentinel = new java.util.HashMap<>(production);
		sentinel.put("REDIS_SENTINEL_MASTER", "mymaster");
		assertThatIllegalStateException().as("a master without sentinels")
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment(sentinel), new SpringApplication()));
		sentinel.put("REDIS_SENTINEL_NODES", "s1:26379,s2:26379");
		StandardEnvironment withSentinel = environment(sentinel);
		this.processor.postProcessEnvironment(withSentinel, new SpringApplication());
		assertThat(withSentinel.getProperty("spring.data.redis.sentinel.master")).isEqualTo("mymaster");
		assertThat(withSentinel.getProperty("spring.data.redis.sentinel.nodes")).isEqualTo("s1:26379,s2:26379");
	}

}
