package com.accesspath.boot.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;

/** Map keys are text too: they refuse control characters like values do. */
final class CleanTextKeyDeserializer extends KeyDeserializer {

	@Override
	public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
		return CleanTextDeserializer.checked(ctxt.getParser(), key);
	}

}
