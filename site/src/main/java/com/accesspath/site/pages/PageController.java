package com.accesspath.site.pages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "客户端页面", description = "一次往返取回一个页面所需的全部数据；各部分独立降级（服务不可用时该部分为空或 null，仍是 200）")
class PageController {

	private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

	private static final CacheControl SHORT_PUBLIC = CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic();

	record ArticlePage(JsonNode article, Long views, JsonNode related, JsonNode hot) {
	}

	record HomePage(Map<String, JsonNode> latest, JsonNode hot, JsonNode hotTags, Long diagnosisCompleted,
			JsonNode headline) {
	}

	private final PageParts parts;

	private final Categories categories;

	private final Parallel parallel;

	PageController(PageParts parts, Categories categories, Parallel parallel) {
		this.parts = parts;
		this.categories = categories;
		this.parallel = parallel;
	}

	@Operation(operationId = "getArticlePage", summary = "文章页数据",
			description = "文章、阅读量、相关文章与 24 小时热榜。阅读量服务不可用时 views 为 null、hot 为空数组，仍是 200；" + "文章不存在、是草稿或已归档时 404。")
	@GetMapping("/api/pages/article/{idOrSlug}")
	ResponseEntity<ArticlePage> article(@Parameter(description = "文章 id 或 slug",
			example = "llm-quality-inspection") @PathVariable String idOrSlug) {
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

	@Operation(operationId = "getHomePage", summary = "首页数据",
			description = "AI 资讯各栏目的最新文章、24 小时热榜、热门标签和“已有 N 企业完成诊断”的计数。")
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
		CompletableFuture<JsonNode> featured = this.parallel.optional(this.parts::featured, Backend.ARTICLE,
				"home page without its 头条", null);
		Map<String, JsonNode> latest = new LinkedHashMap<>();
		newest.forEach((leaf, items) -> latest.put(leaf, Parallel.join(items)));
		return ResponseEntity.ok()
			.cacheControl(SHORT_PUBLIC)
			.body(new HomePage(latest, Parallel.join(hot), Parallel.join(hotTags), Parallel.join(completed),
					Parallel.join(featured)));
	}

	private JsonNode hot() {
		return this.parallel.orElse(this.parts::hot, Backend.RANKING, "page without the hot list", EMPTY);
	}

}
