package com.accesspath.gateway.problem;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

import com.accesspath.boot.problem.ProblemJson;

/**
 * Errors a service's web server wrote itself (an HTML page, an empty or untyped body) and
 * their problem+json replacement, for the routed and the direct path alike.
 */
public final class ServiceErrors {

	private ServiceErrors() {
	}

	/**
	 * The status of an error answer that is not problem+json (an HTML page, an empty or
	 * untyped body), else null.
	 */
	public static HttpStatus replaceable(HttpStatusCode code, HttpHeaders headers) {
		if (code == null || !code.isError()) {
			return null;
		}
		MediaType type;
		try {
			type = headers.getContentType();
		}
		catch (RuntimeException ex) {
			type = null;
		}
		boolean page = type == null || MediaType.TEXT_HTML.isCompatibleWith(type)
				|| MediaType.TEXT_PLAIN.isCompatibleWith(type) || headers.getContentLength() == 0;
		return page ? HttpStatus.resolve(code.value()) : null;
	}

	private static String detailOf(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "The request is malformed (for example a character in the path or query that must be "
					+ "percent-encoded).";
			case NOT_FOUND -> "No such path.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are too large or too many.";
			case URI_TOO_LONG -> "The request line is too long.";
			default -> status.is5xxServerError() ? "The service failed to answer; try again shortly."
					: status.getReasonPhrase() + ".";
		};
	}

	/** Writes the problem+json of this status in place of whatever the service sent. */
	public static Mono<Void> writeProblem(ServerHttpResponse response, HttpStatus status, String path) {
		byte[] problem = ProblemJson.bytes(status, detailOf(status), path);
		HttpHeaders headers = response.getHeaders();
		headers.remove(HttpHeaders.CONTENT_ENCODING);
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(problem.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(problem)));
	}

}
