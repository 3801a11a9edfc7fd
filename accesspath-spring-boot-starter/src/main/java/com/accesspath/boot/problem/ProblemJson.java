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
