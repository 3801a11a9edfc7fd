package com.accesspath.boot.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * A service that publishes an API document (springdoc on its classpath) publishes it with
 * the platform's conventions.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocumentAutoConfiguration {

	@Bean
	ApiDocumentConventions accessPathApiDocumentConventions() {
		return new ApiDocumentConventions();
	}

}
