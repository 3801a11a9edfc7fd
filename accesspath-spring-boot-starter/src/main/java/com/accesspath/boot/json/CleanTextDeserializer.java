package com.accesspath.boot.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.type.LogicalType;

/**
 * Jackson's own text deserializer (so the coercion rules still apply), refusing control
 * characters. Registered for {@link String}, it is used for every text value: bean
 * properties, record components, collections, arrays and untyped maps.
 */
final class CleanTextDeserializer extends StdScalarDeserializer<String> {

	CleanTextDeserializer() {
		super(String.class);
	}

	@Override
	public LogicalType logicalType() {
		return LogicalType.Textual;
	}

	@Override
	public boolean isCachable() {
		return true;
	}

	@Override
	public Object getEmptyValue(DeserializationContext ctxt) {
		return "";
	}

	@Override
	public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
		return checked(p, StringDeserializer.instance.deserialize(p, ctxt));
	}

	@Override
	public String deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
			throws JacksonException {
		return deserialize(p, ctxt);
	}

	static String checked(JsonParser p, String text) {
		if (text != null) {
			int at = ExactJson.firstControlCharacter(text);
			if (at >= 0) {
				throw new ControlCharacterException(p, text.charAt(at));
			}
		}
		return text;
	}

}
