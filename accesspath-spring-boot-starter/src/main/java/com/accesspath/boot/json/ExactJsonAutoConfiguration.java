package com.accesspath.boot.json;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Every service's JSON mapper reads exact types and clean text ({@link ExactJson}), so a
 * loose type or a control character in any body is a 400 naming the field.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ JsonMapper.class, JsonMapperBuilderCustomizer.class })
public class ExactJsonAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer accessPathExactJson() {
		return ExactJson::configure;
	}

}
