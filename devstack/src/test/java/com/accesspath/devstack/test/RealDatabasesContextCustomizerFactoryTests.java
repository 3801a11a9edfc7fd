package com.accesspath.devstack.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

class RealDatabasesContextCustomizerFactoryTests {

	private final RealDatabasesContextCustomizerFactory factory = new RealDatabasesContextCustomizerFactory();

	private final TestDatabases databases = TestDatabases.choose(
			Map.of("MONGODB_URI", "mongodb://db.example:27017/x", "REDIS_URL", "redis://cache.example:6379")::get,
			() -> false);

	@Test
	void aClusterTestGetsTheClusterNodesAndANodeAsTheUrl() {
		TestDatabases.RedisCluster cluster = TestDatabases
			.chooseRedisCluster(Map.of("REDIS_CLUSTER_NODES", "10.0.0.1:7000, 10.0.0.2:7000")::get);
		assertThat(cluster.source()).isEqualTo(TestDatabases.Source.ENVIRONMENT);
		assertThat(cluster.local()).isEmpty();

		Map<String, Object> properties = RealDatabasesContextCustomizerFactory.properties("ranking-test",
				this.databases, cluster);

		assertThat(properties).containsEntry("spring.data.redis.cluster.nodes", "10.0.0.1:7000,10.0.0.2:7000")
			.containsEntry("spring.data.redis.cluster.max-redirects", "5")
			// Never blank: Boot refuses a blank URL; with cluster nodes set it is used
			// for credentials and SSL only.
			.containsEntry("spring.data.redis.url", "redis://10.0.0.1:7000")
			.containsEntry("spring.mongodb.uri", "mongodb://db.example:27017/ranking-test")
			.containsEntry("spring.mongodb.database", "ranking-test");
	}

	@Test
	void aStandaloneTestGetsTheRedisUrlAndNoClusterNodes() {
		Map<String, Object> properties = RealDatabasesContextCustomizerFactory.properties("ranking-test",
				this.databases, null);

		assertThat(properties).containsEntry("spring.data.redis.url", "redis://cache.example:6379")
			.doesNotContainKeys("spring.data.redis.cluster.nodes", "spring.data.redis.cluster.max-redirects");
	}

	@Test
	void clusterAndStandaloneContextsAreCachedApart() {
		ContextCustomizer standalone = customizerFor(Standalone.class);
		ContextCustomizer cluster = customizerFor(Cluster.class);

		assertThat(cluster).isNotEqualTo(standalone).isEqualTo(customizerFor(AnotherCluster.class));
		assertThat(cluster.hashCode()).isNotEqualTo(standalone.hashCode())
			.isEqualTo(customizerFor(AnotherCluster.class).hashCode());
		assertThat(customizerFor(Unannotated.class)).isNull();
	}

	private ContextCustomizer customizerFor(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	@RealDatabases(database = "d")
	static class Standalone {

	}

	@RealDatabases(database = "d", redisCluster = true)
	static class Cluster {

	}

	@RealDatabases(database = "d", redisCluster = true)
	static class AnotherCluster {

	}

	static class Unannotated {

	}

}
