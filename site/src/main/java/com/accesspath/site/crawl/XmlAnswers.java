package com.accesspath.site.crawl;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.accesspath.site.config.SiteProperties;
import com.accesspath.site.html.Html;

/**
 * Sitemaps, feeds and robots.txt, rendered once and answered from memory for
 * {@code accesspath.site.crawl.time-to-live}, with {@code Cache-Control: public} of the
 * same max-age and a strong {@code ETag} ({@code If-None-Match} → 304). A document that
 * cannot be rendered (a service down) is not kept: the next request tries again.
 */
@Component
public class XmlAnswers {

	static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

	static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");

	static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

	record Rendered(byte[] body, String etag, MediaType type) {
	}

	private final Cache<String, Rendered> rendered;

	private final CacheControl cacheControl;

	XmlAnswers(SiteProperties properties) {
		Duration timeToLive = properties.crawl().timeToLive();
		this.rendered = Caffeine.newBuilder().maximumSize(1000).expireAfterWrite(timeToLive).build();
		this.cacheControl = CacheControl.maxAge(timeToLive).cachePublic();
	}

	/**
	 * The document under {@code key}, rendered by {@code render} when not kept; a GET
	 * whose {@code If-None-Match} holds its ETag is answered 304 by Spring MVC.
	 */
	ResponseEntity<byte[]> answer(String key, MediaType type, Supplier<byte[]> render) {
		Rendered document = this.rendered.get(key, k -> {
			byte[] body = render.get();
			return new Rendered(body, Html.etag(body), type);
		});
		return ResponseEntity.ok()
			.contentType(document.type())
			.eTag(document.etag())
			.cacheControl(this.cacheControl)
			.body(document.body());
	}

	/** Forgets every rendered document (tests). */
	public void forget() {
		this.rendered.invalidateAll();
	}

}
