package com.accesspath.article.site;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class SiteNotFoundException extends ResponseStatusException {

	private SiteNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, detail);
	}

	static SiteNotFoundException page(String slug) {
		return new SiteNotFoundException("No site page '" + slug + "'.");
	}

	static SiteNotFoundException settings() {
		return new SiteNotFoundException("The site's settings have not been saved yet.");
	}

}
