package com.accesspath.ranking.catalog;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.Problems;

/**
 * article-service could not say whether an article exists: the caller should retry
 * shortly (503).
 */
public class ArticleServiceUnavailableException extends ResponseStatusException {

	public ArticleServiceUnavailableException(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Article information is unavailable right now; try again shortly.",
				cause);
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		return headers;
	}

}
