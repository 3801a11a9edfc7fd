package com.accesspath.devstack.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Puts the chosen databases' URIs into the test's environment, ahead of every other
 * source, for test classes annotated with {@link RealDatabases}. Registered in
 * {@code META-INF/spring.factories}.
 */
public class RealDatabasesContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		// Also finds the annotation on the enclosing class of a @Nested test class.
		RealDatabases annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, RealDatabases.class);
		return (annotation != null) ? new Customizer(annotation.database(), annotation.redisCluster()) : null;
	}

	/**
	 * The properties of a test's databases. For a cluster, {@code spring.data.redis.url}
	 * still names one node, without credentials: Spring Boot 4 uses a cluster whenever
	 * {@code spring.data.redis.cluster.nodes} is set (sentinel, then cluster, then
	 * standalone) and takes only credentials and SSL from the URL then, while a blank URL
	 * fails the start ({@code DataRedisUrlSyntaxException}: the services' application.yml
	 * has {@code url: ${REDIS_URL:}}) and the starter's production check wants one.
	 */
	static Map<String, Object> properties(String database, TestDatabases databases,
			TestDatabases.RedisCluster redisCluster) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.mongodb.uri", databases.mongoUri(database));
		properties.put("spring.mongodb.database", database);
		if (redisCluster == null) {
			properties.put("spring.data.redis.url", databases.redisUrl());
		}
		else {
			String nodes = redisCluster.nodes();
			properties.put("spring.data.redis.cluster.nodes", nodes);
			properties.put("spring.data.redis.cluster.max-redirects", "5");
			properties.put("spring.data.redis.url", "redis://" + nodes.split(",")[0]);
		}
		return properties;
	}

	private static final String MONGO_CUSTOMIZER = "org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer";

	/**
	 * Every query the service sends goes to {@link QueryLog} (for {@link IndexAudit}).
	 */
	private static final class QueryLogging {

		static void register(ConfigurableApplicationContext context) {
			MongoClientSettingsBuilderCustomizer customizer = (settings) -> settings
				.addCommandListener(QueryLog.INSTANCE);
			context.getBeanFactory().registerSingleton("realDatabasesQueryLog", customizer);
		}

	}

	/**
	 * A record: its equals and hashCode keep contexts with and without a cluster apart.
	 */
	private record Customizer(String database, boolean redisCluster) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			Map<String, Object> properties = properties(this.database, TestDatabases.get(),
					this.redisCluster ? TestDatabases.redisCluster() : null);
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realDatabases", properties));
			if (ClassUtils.isPresent(MONGO_CUSTOMIZER, getClass().getClassLoader())) {
				QueryLogging.register(context);
			}
		}

	}

}
