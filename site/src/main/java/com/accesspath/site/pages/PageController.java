package com.accesspath.site.pages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.backend.Backend;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.PageParts;
import com.accesspath.site.content.Parallel;

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

	private final Parallel parallel;

	PageController(PageParts parts, Categories categories, Parallel parallel) {
		this.parts = parts;
		this.categories = categories;
		this.parallel = parallel;
	}

	@GetMapping("/api/pages/article/{idOrSlug}")
	ResponseEntity<ArticlePage> article(@PathVariable String idOrSlug) {
		CompletableFuture<JsonNode> article = this.parallel.part(() -> this.parts.article(idOrSlug));
		// A view count ranking does not know yet is left out like an unavailable one.
		CompletableFuture<Long> views = article
			.thenCompose(found -> this.parallel.optional(() -> this.parts.views(found.get("id").asString()),
					Backend.RANKING, "article page without its view count", null));
		CompletableFuture<JsonNode> related = this.parallel.optional(() -> this.parts.related(idOrSlug),
				Backend.ARTICLE, "article page without related articles", EMPTY);
		CompletableFuture<JsonNode> hot = this.parallel.part(this::hot);
		JsonNode found = Parallel.join(article);
		return ResponseEntity.ok()
			.cacheControl(SHORT_PUBLIC)
			.body(new ArticlePage(found, Parallel.join(views), Parallel.join(related), Parallel.join(hot)));
	}

	@GetMapping("/api/pages/home")
	ResponseEntity<HomePage> home() {
		CompletableFuture<JsonNode> hot = this.parallel.part(this::hot);
		CompletableFuture<JsonNode> hotTags = this.parallel.optional(this.parts::hotTags, Backend.RANKING,
				"home page without hot tags", EMPTY);
		CompletableFuture<Long> completed = this.parallel.optional(this.parts::diagnosisCompleted, Backend.LEADS,
				"home page without the diagnosis counter", null);
		List<String> sections = this.categories.leavesOfFirstGroup();
		Map<String, CompletableFuture<JsonNode>> newest = new LinkedHashMap<>();
		sections.forEach(leaf -> newest.put(leaf, this.parallel.optional(() -> this.parts.newest(leaf), Backend.ARTICLE,
				"home page with empty sections", EMPTY)));
		Map<String, JsonNode> latest = new LinkedHashMap<>();
		newest.forEach((leaf, items) -> latest.put(leaf, Parallel.join(items)));
		return ResponseEntity.ok()
			.cacheControl(SHORT_PUBLIC)
			.body(new HomePage(latest, Parallel.join(hot), Parallel.join(hotTags), Parallel.join(completed)));
	}

	private JsonNode hot() {
		return this.parallel.orElse(this.parts::hot, Backend.RANKING, "page without the hot list", EMPTY);
	}

}
