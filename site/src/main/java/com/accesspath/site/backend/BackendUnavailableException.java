package com.accesspath.site.backend;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.Problems;

/**
 * A service the answer needs could not be asked: the caller should retry shortly (503).
 */
public class BackendUnavailableException extends ResponseStatusException {

	private final Backend backend;

	BackendUnavailableException(Backend backend, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "A service this page needs is unavailable right now; try again shortly.",
				cause);
		this.backend = backend;
	}

	public Backend backend() {
		return this.backend;
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		return headers;
	}

}
