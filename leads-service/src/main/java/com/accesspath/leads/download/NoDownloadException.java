package com.accesspath.leads.download;

/**
 * The requested resource offers no file: no such published article, or one without an
 * attachment. Articles are public, so saying so discloses nothing; the reader learns at
 * once that no mail will come.
 */
class NoDownloadException extends RuntimeException {

	NoDownloadException() {
		super("resource has no download: it must be the slug of a published 资源中心 article with a file attached");
	}

}
