package com.accesspath.devstack.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import com.accesspath.devstack.LocalRedisCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way: with {@code @RealDatabases(redisCluster = true)} Spring Boot's Redis
 * auto-configuration connects to the test JVM's cluster as a cluster. A plain Spring test
 * context (no SpringApplication: devstack's classpath has two SLF4J bindings, which
 * Boot's logging system refuses).
 */
@SpringJUnitConfig(RealDatabasesRedisClusterTests.Config.class)
@RealDatabases(database = "devstack-cluster-test", redisCluster = true)
class RealDatabasesRedisClusterTests {

	@Autowired
	private RedisConnectionFactory connectionFactory;

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void bootTalksToTheClusterAsACluster() {
		assertThat(this.connectionFactory).isInstanceOfSatisfying(LettuceConnectionFactory.class,
				(lettuce) -> assertThat(lettuce.isClusterAware()).isTrue());
		for (int i = 0; i < 50; i++) {
			this.redis.opsForValue().set("{boot-" + i + "}", "v" + i);
		}
		for (int i = 0; i < 50; i++) {
			assertThat(this.redis.opsForValue().get("{boot-" + i + "}")).isEqualTo("v" + i);
		}
		try (var cluster = this.connectionFactory.getClusterConnection()) {
			assertThat(cluster.clusterGetNodes()).hasSize(6);
		}
		TestDatabases.redisCluster().local().ifPresent(LocalRedisCluster::flushAll);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
	static class Config {

	}

}
