package com.accesspath.boot.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request body over the configured limit. */
public class PayloadTooLargeException extends ResponseStatusException {

	public PayloadTooLargeException(long limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
	}

}
