package com.accesspath.site.backend;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** What the reader asked for is malformed (a cursor, a query): 400. */
public class BadRequestException extends ResponseStatusException {

	public BadRequestException(String detail) {
		super(HttpStatus.BAD_REQUEST, detail);
	}

	BadRequestException(Throwable cause) {
		super(HttpStatus.BAD_REQUEST, "A service refused the page's parameters.", cause);
	}

}
