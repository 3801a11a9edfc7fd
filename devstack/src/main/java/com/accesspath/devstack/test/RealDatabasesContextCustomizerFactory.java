package com.accesspath.devstack.test;

import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Puts the chosen databases' URIs into the test's environment, ahead of every other source, for test classes
 * annotated with {@link RealDatabases}. Registered in {@code META-INF/spring.factories}.
 */
public class RealDatabasesContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
		var annotation = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY).get(RealDatabases.class);
		if (!annotation.isPresent()) {
			return null;
		}
		return new Customizer(annotation.getString("database"));
	}

	private record Customizer(String database) implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			TestDatabases databases = TestDatabases.get();
			Map<String, Object> properties = Map.of("spring.mongodb.uri", databases.mongoUri(this.database),
					"spring.data.redis.url", databases.redisUrl());
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realDatabases", properties));
		}

	}

}
