package com.accesspath.site.backend;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** What was asked for does not exist (or is not published): 404. */
public class NotFoundException extends ResponseStatusException {

	public NotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, detail);
	}

	NotFoundException(Throwable cause) {
		super(HttpStatus.NOT_FOUND, "Nothing published has that id, slug or key.", cause);
	}

}
