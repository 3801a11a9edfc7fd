package com.accesspath.article.article;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

public class ArticleNotFoundException extends ResponseStatusException {

	public ArticleNotFoundException(String idOrSlug) {
		super(HttpStatus.NOT_FOUND, "No published article '" + idOrSlug + "'.");
	}

}
