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
 * Builds RFC 9457 problem details, and writes them where no message converter is at hand (servlet filters, the
 * security entry point).
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(status));
		return problem;
	}

	public static URI type(HttpStatus status) {
		return ProblemJson.type(status);
	}

	/** Writes a problem by hand; values are escaped, so detail may echo request data. */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(ProblemJson.bytes(status, detail, request.getRequestURI()));
	}

}
