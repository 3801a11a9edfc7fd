package com.accesspath.leads.report;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import com.accesspath.boot.problem.Problems;

/**
 * 503 with {@code Retry-After}: every PDF rendering slot stayed busy while the request
 * waited (the heap holds only so many renderings at once).
 */
class PdfBusyException extends ErrorResponseException {

	PdfBusyException(Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
				"Too many reports are being rendered as PDF right now; retry shortly."), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

}
