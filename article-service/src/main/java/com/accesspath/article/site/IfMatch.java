package com.accesspath.article.site;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The version an editor names in {@code If-Match: "3"} (or {@code W/"3"}, or {@code 3}).
 */
final class IfMatch {

	private IfMatch() {
	}

	/**
	 * The version, or null without the header; a value that names no version is a 412.
	 */
	static Long version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String value = ifMatch.strip();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		try {
			return Long.parseLong(value.replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED, "If-Match does not name a version.");
		}
	}

}
