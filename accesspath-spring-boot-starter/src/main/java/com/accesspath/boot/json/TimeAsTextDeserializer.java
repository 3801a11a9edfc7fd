package com.accesspath.boot.json;

import java.time.temporal.Temporal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Times are ISO-8601 strings (API.md): {@code 1733000000} is not a time, although Jackson
 * would read it as seconds since 1970. Wraps every {@code java.time} deserializer.
 */
final class TimeAsTextDeserializer extends DelegatingDeserializer {

	TimeAsTextDeserializer(ValueDeserializer<?> delegate) {
		super(delegate);
	}

	@Override
	protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
		return new TimeAsTextDeserializer(delegate);
	}

	@Override
	public Object deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			return context.handleUnexpectedToken(handledType(), parser);
		}
		return super.deserialize(parser, context);
	}

	/** Applies the wrapper to the deserializers of {@link Temporal} types. */
	static final class Modifier extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
				BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
			return Temporal.class.isAssignableFrom(description.getBeanClass())
					? new TimeAsTextDeserializer(deserializer) : deserializer;
		}

	}

}
