package com.accesspath.site.html;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;

/**
 * The busiest pages (home, articles), kept rendered as long as the parts they are made of
 * ({@code accesspath.site.cache.time-to-live}): a page the gateway's edge cache does not
 * hold (a new query string, another replica, just expired) costs a lookup instead of a
 * composition.
 * <ul>
 * <li>Only whole pages are kept: a 200 rendered while no part degraded (a page without
 * its hot list is not reused), never a 404, 301 or 503.</li>
 * <li>Once a page is older than the time to live, one request renders its successor while
 * the others are still answered the kept one, so an expiry under load is one render, not
 * one per waiting reader (measured: every reader rendering at once made the services'
 * calls time out).</li>
 * <li>A successor that cannot be rendered whole (a service down or slow) leaves the kept
 * page in place, for at most {@link #STALE_LIMIT} times the time to live; one that is no
 * longer a page (the article is gone or moved) removes it.</li>
 * </ul>
 */
@Component
public class RenderedPages {

	/** How many times the time to live a kept page may be answered at the most. */
	static final int STALE_LIMIT = 6;

	private record Kept(ResponseEntity<byte[]> page, long renderedAt) {
	}

	private final Cache<String, Kept> pages;

	private final Set<String> rendering = ConcurrentHashMap.newKeySet();

	private final long timeToLiveNanos;

	private final ServiceCalls calls;

	private final Ticker ticker;

	@Autowired
	RenderedPages(SiteProperties properties, ServiceCalls calls) {
		this(properties, calls, Ticker.systemTicker());
	}

	RenderedPages(SiteProperties properties, ServiceCalls calls, Ticker ticker) {
		this.calls = calls;
		this.ticker = ticker;
		this.timeToLiveNanos = properties.cache().timeToLive().toNanos();
		this.pages = Caffeine.newBuilder()
			.maximumWeight(properties.cache().pagesMaxSize().toBytes())
			.<String, Kept>weigher((key, kept) -> key.length() + kept.page().getBody().length)
			.expireAfterWrite(properties.cache().timeToLive().multipliedBy(STALE_LIMIT))
			.ticker(ticker)
			.build();
	}

	/** The page kept under {@code key}, else {@code render}'s, kept when whole. */
	ResponseEntity<byte[]> page(String key, Supplier<ResponseEntity<byte[]>> render) {
		Kept kept = this.pages.getIfPresent(key);
		if (kept == null) {
			return render(key, render, null);
		}
		if (this.ticker.read() - kept.renderedAt() < this.timeToLiveNanos || !this.rendering.add(key)) {
			return kept.page();
		}
		try {
			return render(key, render, kept);
		}
		finally {
			this.rendering.remove(key);
		}
	}

	private ResponseEntity<byte[]> render(String key, Supplier<ResponseEntity<byte[]>> render, Kept kept) {
		long degradationsBefore = this.calls.degradations();
		ResponseEntity<byte[]> page;
		try {
			page = render.get();
		}
		catch (BackendUnavailableException ex) {
			if (kept != null) {
				return kept.page();
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			// Gone (404) or refused: the kept page goes too.
			this.pages.invalidate(key);
			throw ex;
		}
		if (page.getStatusCode() != HttpStatus.OK || page.getBody() == null) {
			this.pages.invalidate(key);
			return page;
		}
		if (this.calls.degradations() == degradationsBefore) {
			this.pages.put(key, new Kept(page, this.ticker.read()));
			return page;
		}
		return (kept != null) ? kept.page() : page;
	}

	/** Forgets every page (tests). */
	public void forget() {
		this.pages.invalidateAll();
	}

}
