package com.accesspath.boot.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Types are exact and text is clean (API.md, "Errors"): a field the contract calls a
 * string takes a JSON string, a boolean takes {@code true}/{@code false}, an integer a
 * JSON integer, a number a JSON number, a time an ISO-8601 string; nothing is coerced.
 * Text refuses control characters (U+0000–U+001F other than tab, newline and carriage
 * return, and U+007F). Every failure is a Jackson mismatch naming the field, which the
 * services answer with a 400 problem+json ({@code ProblemDetailsAdvice}).
 */
public final class ExactJson {

	private ExactJson() {
	}

	/** Applies the exact types and clean text to {@code builder}. */
	public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
		builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
		// Text takes JSON strings only: 5, 1.5 or true are not the text "5".
		builder.withCoercionConfig(LogicalType.Textual, config -> failOn(config, CoercionInputShape.Integer,
				CoercionInputShape.Float, CoercionInputShape.Boolean));
		// A boolean is true or false: not "true", 1 or 12345.
		builder.withCoercionConfig(LogicalType.Boolean, config -> failOn(config, CoercionInputShape.Integer,
				CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.EmptyString));
		// An integer is a JSON integer: not "3", 3.5 or true.
		builder.withCoercionConfig(LogicalType.Integer, config -> failOn(config, CoercionInputShape.Float,
				CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.EmptyString));
		// A number is a JSON number: not "3.5" or true (an integer is a number).
		builder.withCoercionConfig(LogicalType.Float, config -> failOn(config, CoercionInputShape.String,
				CoercionInputShape.Boolean, CoercionInputShape.EmptyString));
		// An enum is one of its names: not its position.
		builder.withCoercionConfig(LogicalType.Enum, config -> failOn(config, CoercionInputShape.Integer,
				CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.EmptyString));
		builder.addModule(
				new SimpleModule("accesspath-clean-text").addDeserializer(String.class, new CleanTextDeserializer())
					.addKeyDeserializer(String.class, new CleanTextKeyDeserializer())
					// A time is an ISO-8601 string: not a number of seconds.
					.setDeserializerModifier(new TimeAsTextDeserializer.Modifier()));
		return builder;
	}

	private static void failOn(tools.jackson.databind.cfg.MutableCoercionConfig config, CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}

	/**
	 * The index of the first control character of {@code text} that text fields refuse,
	 * or -1.
	 */
	public static int firstControlCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
				return i;
			}
		}
		return -1;
	}

}
