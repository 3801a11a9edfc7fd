package com.accesspath.boot.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;

/**
 * A problem+json body written by hand, for the places (servlet filters, security handlers of both web stacks) that
 * run before any message converter. Values are escaped, so detail and instance may echo request data.
 */
public final class ProblemJson {

	private ProblemJson() {
	}

	public static URI type(HttpStatus status) {
		return URI.create("https://accesspath.cn/problems/" + status.value());
	}

	/** The title and detail of every 400 that lists field errors, whichever layer writes it. */
	public static final String VALIDATION_TITLE = "Validation failed";

	public static final String VALIDATION_DETAIL = "The request is not valid.";

	/** A validation 400 naming one field, shaped like {@link ProblemDetailsAdvice#validationProblem}. */
	public static byte[] validationBytes(String field, String message, String instance) {
		HttpStatus status = HttpStatus.BAD_REQUEST;
		String body = "{\"type\":\"" + type(status) + "\",\"title\":\"" + VALIDATION_TITLE + "\",\"status\":" + status.value()
				+ ",\"detail\":\"" + VALIDATION_DETAIL + "\",\"instance\":\"" + escape(instance) + "\",\"errors\":[{\"field\":\""
				+ escape(field) + "\",\"message\":\"" + escape(message) + "\"}]}";
		return body.getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] bytes(HttpStatus status, String detail, String instance) {
		String body = "{\"type\":\"" + type(status) + "\",\"title\":\"" + escape(status.getReasonPhrase()) + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + escape(detail) + "\",\"instance\":\"" + escape(instance) + "\"}";
		return body.getBytes(StandardCharsets.UTF_8);
	}

	static String escape(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
