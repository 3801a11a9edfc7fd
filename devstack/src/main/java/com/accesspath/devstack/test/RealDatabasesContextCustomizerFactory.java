package com.accesspath.devstack.test;

import java.util.List;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

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
		return (annotation != null) ? new Customizer(annotation.database()) : null;
	}

	private record Customizer(String database) implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			TestDatabases databases = TestDatabases.get();
			Map<String, Object> properties = Map.of("spring.mongodb.uri", databases.mongoUri(this.database),
					"spring.mongodb.database", this.database, "spring.data.redis.url", databases.redisUrl());
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realDatabases", properties));
		}

	}

}
