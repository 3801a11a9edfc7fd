package com.accesspath.boot.problem;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * A problem+json body serialised by Jackson, for the places (servlet filters, security
 * handlers of both web stacks, the gateway's own error paths) that run before any message
 * converter. Shaped exactly like the bodies Spring's converters write (the same mixin
 * flattens {@link ProblemDetail#getProperties()}), and escaped by Jackson, so detail and
 * instance may echo request data.
 */
public final class ProblemJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	/**
	 * The title and detail of every 400 that lists field errors, whichever layer writes
	 * it.
	 */
	public static final String VALIDATION_TITLE = "Validation failed";

	public static final String VALIDATION_DETAIL = "The request is not valid.";

	private ProblemJson() {
	}

	/** The problem type of a status: one URI per status, documented in API.md. */
	public static URI type(HttpStatus status) {
		return URI.create(Problems.TYPE_PREFIX + status.value());
	}

	public static byte[] bytes(ProblemDetail problem) {
		return MAPPER.writeValueAsBytes(problem);
	}

	public static byte[] bytes(HttpStatus status, String detail, String instance) {
		return bytes(Problems.of(status, detail, instance));
	}

	/**
	 * A validation 400 naming one field, shaped like
	 * {@link ProblemDetailsAdvice#validationProblem}.
	 */
	public static byte[] validationBytes(String field, String message, String instance) {
		ProblemDetail problem = ProblemDetailsAdvice
			.validationProblem(List.of(ProblemDetailsAdvice.fieldError(field, message)));
		problem.setInstance(instanceOf(instance));
		return bytes(problem);
	}

	static URI instanceOf(String path) {
		if (path == null || path.isEmpty()) {
			return null;
		}
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			// A raw path that is not a valid URI (spaces, stray '%'): keep it readable
			// rather than drop it.
			return URI.create(URLEncoder.encode(path, StandardCharsets.UTF_8).replace("%2F", "/"));
		}
	}

}
