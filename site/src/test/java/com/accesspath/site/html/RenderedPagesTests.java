package com.accesspath.site.html;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.NotFoundException;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rendered pages' lifecycle with a short time to live: kept while fresh, one
 * re-render after it while the others get the kept page, and the kept page outliving a
 * failed or degraded successor but not a gone article.
 */
class RenderedPagesTests {

	private static final Duration TTL = Duration.ofMillis(150);

	private final ServiceCalls calls = new ServiceCalls(CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
			new Fallbacks());

	/** The pages' clock, moved by the test. */
	private final AtomicLong now = new AtomicLong();

	private final RenderedPages pages = new RenderedPages(
			new SiteProperties(URI.create("https://www.example.cn"),
					new SiteProperties.Cache(TTL, Duration.ofMinutes(1), 10, 10, DataSize.ofMegabytes(1)),
					new SiteProperties.Crawl(Duration.ofMinutes(5), 50000, 20), "ai-landing-guide"),
			this.calls, this.now::get);

	private final AtomicInteger renders = new AtomicInteger();

	private ResponseEntity<byte[]> page(String text) {
		this.renders.incrementAndGet();
		return ResponseEntity.ok(text.getBytes());
	}

	private String answer(java.util.function.Supplier<ResponseEntity<byte[]>> render) {
		return new String(this.pages.page("article:a", render).getBody());
	}

	private void waitPastTheTimeToLive() {
		this.now.addAndGet(TTL.toNanos() + 1);
	}

	@Test
	void aFreshPageIsAnsweredWithoutRenderingAndAStaleOneIsRenderedAgainOnce() {
		assertThat(answer(() -> page("v1"))).isEqualTo("v1");
		assertThat(answer(() -> page("v2"))).isEqualTo("v1");
		assertThat(this.renders).hasValue(1);
		waitPastTheTimeToLive();
		assertThat(answer(() -> page("v2"))).isEqualTo("v2");
		assertThat(answer(() -> page("v3"))).isEqualTo("v2");
		assertThat(this.renders).hasValue(2);
	}

	@Test
	void whileOneReaderRendersTheSuccessorTheOthersGetTheKeptPage() throws Exception {
		answer(() -> page("v1"));
		waitPastTheTimeToLive();
		CountDownLatch rendering = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<String> renderer = CompletableFuture.supplyAsync(() -> answer(() -> {
			rendering.countDown();
			try {
				release.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return page("v2");
		}));
		assertThat(rendering.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			assertThat(answer(() -> page("other"))).isEqualTo("v1");
		}
		release.countDown();
		assertThat(renderer.get(5, TimeUnit.SECONDS)).isEqualTo("v2");
		assertThat(this.renders).hasValue(2);
	}

	@Test
	void aSuccessorThatCannotBeRenderedWholeLeavesTheKeptPage() {
		answer(() -> page("v1"));
		waitPastTheTimeToLive();
		// A service down: the page could not be rendered at all.
		assertThat(answer(() -> this.calls.call(Backend.ARTICLE, () -> {
			throw new IllegalStateException("down");
		}))).isEqualTo("v1");
		// A part degraded: the page without it is answered to nobody while a whole one
		// is kept.
		assertThat(answer(() -> {
			this.calls.degraded(Backend.RANKING, "page without the hot list", new IllegalStateException("down"));
			return page("v2 without the hot list");
		})).isEqualTo("v1");
		assertThat(answer(() -> page("v3"))).isEqualTo("v3");
	}

	@Test
	void aKeptPageIsNeverAnsweredLongerThanItsLimit() {
		answer(() -> page("v1"));
		this.now.addAndGet(TTL.multipliedBy(RenderedPages.STALE_LIMIT).toNanos() + 1);
		assertThat(answer(() -> {
			this.calls.degraded(Backend.RANKING, "page without the hot list", new IllegalStateException("down"));
			return page("without the hot list");
		})).isEqualTo("without the hot list");
	}

	@Test
	void aDegradedFirstPageIsAnsweredButNotKept() {
		assertThat(answer(() -> {
			this.calls.degraded(Backend.RANKING, "page without the hot list", new IllegalStateException("down"));
			return page("without the hot list");
		})).isEqualTo("without the hot list");
		assertThat(answer(() -> page("whole"))).isEqualTo("whole");
		assertThat(answer(() -> page("later"))).isEqualTo("whole");
	}

	@Test
	void aGoneOrMovedArticleTakesTheKeptPageWithIt() {
		answer(() -> page("v1"));
		waitPastTheTimeToLive();
		assertThatThrownBy(() -> answer(() -> {
			throw new NotFoundException("unpublished");
		})).isInstanceOf(NotFoundException.class);
		assertThat(answer(() -> page("v2"))).isEqualTo("v2");
		waitPastTheTimeToLive();
		assertThat(this.pages.page("article:a", () -> ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).build())
			.getStatusCode()).isEqualTo(HttpStatus.MOVED_PERMANENTLY);
		assertThat(answer(() -> page("v3"))).isEqualTo("v3");
	}

}
