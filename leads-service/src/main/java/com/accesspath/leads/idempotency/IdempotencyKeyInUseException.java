package com.accesspath.leads.idempotency;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import com.accesspath.boot.problem.Problems;

/**
 * 409 with {@code Retry-After}: the first request with this key is still running; its
 * answer comes on a retry.
 */
public class IdempotencyKeyInUseException extends ErrorResponseException {

	IdempotencyKeyInUseException(Duration retryAfter) {
		super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT,
				"A request with this Idempotency-Key is still being processed; retry shortly."), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

}
