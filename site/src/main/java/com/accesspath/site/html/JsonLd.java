package com.accesspath.site.html;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-LD for a {@code <script type="application/ld+json">}: written by Jackson, then
 * every character that could end the script or confuse an HTML parser ({@code <},
 * {@code >}, {@code &}, U+2028, U+2029) as a JSON {@code \\uXXXX} escape, so the same
 * data reads back and no text of an article can close the element.
 */
public final class JsonLd {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonLd() {
	}

	public static String script(Map<String, ?> data) {
		String json = JSON.writeValueAsString(data);
		StringBuilder escaped = new StringBuilder(json.length() + 16);
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			switch (c) {
				case '<' -> escaped.append("\\u003c");
				case '>' -> escaped.append("\\u003e");
				case '&' -> escaped.append("\\u0026");
				case '\u2028' -> escaped.append("\\u2028");
				case '\u2029' -> escaped.append("\\u2029");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
