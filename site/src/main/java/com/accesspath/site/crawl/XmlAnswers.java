package com.accesspath.site.crawl;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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

	/** The document under {@code key}, rendered by {@code render} when not kept. */
	ResponseEntity<byte[]> answer(String key, MediaType type, String ifNoneMatch, Supplier<byte[]> render) {
		Rendered document = this.rendered.get(key, k -> {
			byte[] body = render.get();
			return new Rendered(body, Html.etag(body), type);
		});
		if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
			.map(String::strip)
			.anyMatch(tag -> tag.equals(document.etag()) || tag.equals("W/" + document.etag()) || tag.equals("*"))) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(document.etag())
				.cacheControl(this.cacheControl)
				.build();
		}
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
