package com.accesspath.leads.idempotency;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import com.accesspath.boot.problem.Problems;

/**
 * 422: the key was first sent with another body. Says nothing of the first request or its
 * answer, so a key cannot be used to read someone else's result.
 */
public class IdempotencyKeyReusedException extends ErrorResponseException {

	IdempotencyKeyReusedException() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
				"This Idempotency-Key was already used with a different request body; use a new key for a new request."),
				null);
	}

}
