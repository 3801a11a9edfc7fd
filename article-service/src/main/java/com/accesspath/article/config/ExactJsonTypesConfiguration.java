package com.accesspath.article.config;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Types are exact (API.md, "Errors"): a field the contract calls a string takes a JSON
 * string only. Jackson would otherwise turn {@code 5}, {@code 1.5} or {@code true} into
 * the text {@code "5"}; here they are a 400 naming the field.
 */
@Configuration(proxyBeanMethods = false)
class ExactJsonTypesConfiguration {

	@Bean
	JsonMapperBuilderCustomizer exactTextTypes() {
		return builder -> builder.withCoercionConfig(LogicalType.Textual,
				config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
