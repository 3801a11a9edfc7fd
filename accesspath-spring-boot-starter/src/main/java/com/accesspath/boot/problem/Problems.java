package com.accesspath.boot.problem;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details, and writes them where no message converter is at hand
 * (servlet filters, the security entry point).
 */
public final class Problems {

	/** Every problem's {@code type} is this followed by its status (API.md, "Errors"). */
	public static final String TYPE_PREFIX = "https://accesspath.cn/problems/";

	/**
	 * Seconds a client is told to wait ({@code Retry-After}) when a dependency is
	 * unavailable: long enough for a restarted replica or a re-elected primary, short
	 * enough that a reader barely notices.
	 */
	public static final String RETRY_AFTER_SECONDS = "2";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(status));
		return problem;
	}

	public static ProblemDetail of(HttpStatus status, String detail, String instance) {
		ProblemDetail problem = of(status, detail);
		problem.setInstance(ProblemJson.instanceOf(instance));
		return problem;
	}

	public static URI type(HttpStatus status) {
		return ProblemJson.type(status);
	}

	/** Writes a problem; values are escaped, so detail may echo request data. */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(ProblemJson.bytes(status, detail, request.getRequestURI()));
	}

}
