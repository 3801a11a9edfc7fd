package com.accesspath.boot.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string held a control character that text fields refuse. */
public class ControlCharacterException extends MismatchedInputException {

	public static final String MESSAGE = "must not contain control characters (other than tab and line breaks)";

	ControlCharacterException(JsonParser parser, int codePoint) {
		super(parser, String.format("Control character U+%04X in text: %s", codePoint, MESSAGE), String.class);
	}

}
