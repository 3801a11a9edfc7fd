package com.accesspath.site.pages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.PageParts;

/**
 * Pages for clients in one round trip (API.md, "Pages for clients"), composed from parts
 * read in parallel that each degrade on their own: a down ranking-service leaves
 * {@code views} null and {@code hot} empty, a down leads-service leaves the diagnosis
 * counter null, and only a missing article makes the article page a 404 (a down
 * article-service a 503).
 */
@RestController
class PageController {

	private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

	private static final CacheControl SHORT_PUBLIC = CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic();

	record ArticlePage(JsonNode article, Long views, JsonNode related, JsonNode hot) {
	}

	record HomePage(Map<String, JsonNode> latest, JsonNode hot, JsonNode hotTags, Long diagnosisCompleted) {
	}

	private final PageParts parts;

	private final Categories categories;

	private final ServiceCalls calls;

	private final AsyncTaskExecutor executor;

	PageController(PageParts parts, Categories categories, ServiceCalls calls,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.parts = parts;
		this.categories = categories;
		this.calls = calls;
		this.executor = executor;
	}

	@GetMapping("/api/pages/article/{idOrSlug}")
	ResponseEntity<ArticlePage> article(@PathVariable String idOrSlug) {
		CompletableFuture<JsonNode> article = async(() -> this.parts.article(idOrSlug));
		CompletableFuture<Long> views = article
			.thenApplyAsync(found -> orElse(() -> this.parts.views(found.get("id").asString()), Backend.RANKING,
					"article page without its view count", null), this.executor);
		CompletableFuture<JsonNode> related = async(() -> orElse(() -> this.parts.related(idOrSlug), Backend.ARTICLE,
				"article page without related articles", EMPTY));
		CompletableFuture<JsonNode> hot = async(this::hot);
		JsonNode found = join(article);
		return ResponseEntity.ok()
			.cacheControl(SHORT_PUBLIC)
			.body(new ArticlePage(found, join(views), join(related), join(hot)));
	}

	@GetMapping("/api/pages/home")
	ResponseEntity<HomePage> home() {
		CompletableFuture<JsonNode> hot = async(this::hot);
		CompletableFuture<JsonNode> hotTags = async(
				() -> orElse(this.parts::hotTags, Backend.RANKING, "home page without hot tags", EMPTY));
		CompletableFuture<Long> completed = async(() -> orElse(this.parts::diagnosisCompleted, Backend.LEADS,
				"home page without the diagnosis counter", null));
		List<String> sections = this.categories.leavesOfFirstGroup();
		Map<String, CompletableFuture<JsonNode>> newest = new LinkedHashMap<>();
		sections.forEach(leaf -> newest.put(leaf, async(
				() -> orElse(() -> this.parts.newest(leaf), Backend.ARTICLE, "home page with empty sections", EMPTY))));
		Map<String, JsonNode> latest = new LinkedHashMap<>();
		newest.forEach((leaf, items) -> latest.put(leaf, join(items)));
		return ResponseEntity.ok()
			.cacheControl(SHORT_PUBLIC)
			.body(new HomePage(latest, join(hot), join(hotTags), join(completed)));
	}

	private JsonNode hot() {
		return orElse(this.parts::hot, Backend.RANKING, "page without the hot list", EMPTY);
	}

	private <T> T orElse(Supplier<T> part, Backend backend, String degradesTo, T fallback) {
		try {
			return part.get();
		}
		catch (RuntimeException ex) {
			// Unavailable, or an answer the page cannot use (a view count of an article
			// ranking does not know yet): the part is left out, never the page.
			this.calls.degraded(backend, degradesTo, ex);
			return fallback;
		}
	}

	private <T> CompletableFuture<T> async(Supplier<T> part) {
		return CompletableFuture.supplyAsync(part, this.executor);
	}

	/** The part's value, or the exception it failed with (a 404 or a 503). */
	private static <T> T join(CompletableFuture<T> part) {
		try {
			return part.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
