package com.accesspath.site.html;

import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;

/**
 * The busiest pages (home, articles), kept rendered as long as the parts they are made of
 * ({@code accesspath.site.cache.time-to-live}): a page the gateway's edge cache does not
 * hold (a new query string, another replica, just expired) costs a lookup instead of a
 * composition. Only whole pages are kept: a 200 rendered while no part degraded (a page
 * without its hot list is not reused), never a 404, 301 or 503.
 */
@Component
public class RenderedPages {

	private final Cache<String, ResponseEntity<byte[]>> pages;

	private final ServiceCalls calls;

	RenderedPages(SiteProperties properties, ServiceCalls calls) {
		this.calls = calls;
		this.pages = Caffeine.newBuilder()
			.maximumWeight(properties.cache().pagesMaxSize().toBytes())
			.<String, ResponseEntity<byte[]>>weigher((key, page) -> key.length() + page.getBody().length)
			.expireAfterWrite(properties.cache().timeToLive())
			.build();
	}

	/** The page kept under {@code key}, else {@code render}'s, kept when whole. */
	ResponseEntity<byte[]> page(String key, Supplier<ResponseEntity<byte[]>> render) {
		ResponseEntity<byte[]> kept = this.pages.getIfPresent(key);
		if (kept != null) {
			return kept;
		}
		long degradationsBefore = this.calls.degradations();
		ResponseEntity<byte[]> page = render.get();
		if (page.getStatusCode() == HttpStatus.OK && page.getBody() != null
				&& this.calls.degradations() == degradationsBefore) {
			this.pages.put(key, page);
		}
		return page;
	}

	/** Forgets every page (tests). */
	public void forget() {
		this.pages.invalidateAll();
	}

}
