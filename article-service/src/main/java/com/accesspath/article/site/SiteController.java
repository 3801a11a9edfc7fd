package com.accesspath.article.site;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.article.config.ArticleProperties;
import com.accesspath.article.web.ConditionalJson;
import com.accesspath.article.site.SiteCache.CachedJson;

/**
 * The public, read-only side: the site's settings (its footer, WeChat account, contact)
 * and its pages, from memory, with {@code ETag} (the version) and the same
 * {@code Cache-Control} as article reads.
 */
@RestController
class SiteController {

	private final SiteService site;

	private final CacheControl publicCache;

	SiteController(SiteService site, ArticleProperties properties) {
		this.site = site;
		this.publicCache = CacheControl.maxAge(properties.publicMaxAge()).cachePublic();
	}

	@GetMapping("/api/site")
	ResponseEntity<byte[]> settings(
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return answer(this.site.publicSettings().orElseThrow(SiteNotFoundException::settings), ifNoneMatch);
	}

	@GetMapping("/api/site/pages/{slug}")
	ResponseEntity<byte[]> page(@PathVariable String slug,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return answer(this.site.publicPage(slug).orElseThrow(() -> SiteNotFoundException.page(slug)), ifNoneMatch);
	}

	private ResponseEntity<byte[]> answer(CachedJson cached, String ifNoneMatch) {
		return ConditionalJson.answer(cached.json(), cached.etag(), ifNoneMatch, this.publicCache);
	}

}
