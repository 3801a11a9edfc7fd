package com.accesspath.gateway.pages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.gateway.web.RequestIdWebFilter;

/**
 * Pages for clients in one round trip (API.md, "Pages for clients"), composed from
 * parallel calls that each degrade on their own: a down ranking-service leaves
 * {@code views} null and {@code hot} empty, a down leads-service leaves the diagnosis
 * counter null, and only a missing article makes the article page a 404.
 */
@RestController
class PageController {

	static final int LATEST_PER_CATEGORY = 6;

	private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

	record ArticlePage(JsonNode article, Long views, JsonNode related, JsonNode hot) {
	}

	record HomePage(Map<String, JsonNode> latest, JsonNode hot, JsonNode hotTags, Long diagnosisCompleted) {
	}

	private final BackendCalls backends;

	private final HomeSections sections;

	private final Fallbacks fallbacks;

	PageController(BackendCalls backends, HomeSections sections, Fallbacks fallbacks) {
		this.backends = backends;
		this.sections = sections;
		this.fallbacks = fallbacks;
	}

	@GetMapping("/api/pages/article/{idOrSlug}")
	Mono<ResponseEntity<ArticlePage>> article(@PathVariable String idOrSlug, ServerWebExchange exchange) {
		String requestId = requestId(exchange);
		Mono<JsonNode> article = this.backends.get("article-service", requestId, "/api/articles/{idOrSlug}", idOrSlug)
			.cache();
		Mono<Long> views = article.flatMap(found -> this.backends
			.get("ranking-service", requestId, "/api/views/{id}", found.get("id").asString())
			.map(total -> total.get("views").asLong())
			.onErrorResume(
					error -> degraded("ranking-service", "article page without its view count", error, Mono.empty())));
		Mono<JsonNode> related = this.backends
			.get("article-service", requestId, "/api/articles/{idOrSlug}/related?limit=5", idOrSlug)
			.onErrorResume(error -> degraded("article-service", "article page without related articles", error,
					Mono.just(EMPTY)));
		Mono<JsonNode> hot = hot(requestId);
		return Mono.zip(article, views.map(Optional::of).defaultIfEmpty(Optional.empty()), related, hot)
			.map(parts -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic())
				.body(new ArticlePage(parts.getT1(), parts.getT2().orElse(null), parts.getT3(), parts.getT4())));
	}

	@GetMapping("/api/pages/home")
	Mono<ResponseEntity<HomePage>> home(ServerWebExchange exchange) {
		String requestId = requestId(exchange);
		Mono<Map<String, JsonNode>> latest = this.sections.leaves()
			.flatMapIterable(leaves -> leaves)
			.flatMapSequential(leaf -> this.backends
				.get("article-service", requestId, "/api/articles?category={leaf}&limit={limit}", leaf,
						LATEST_PER_CATEGORY)
				.map(page -> page.get("items"))
				.onErrorResume(
						error -> degraded("article-service", "home page with empty sections", error, Mono.just(EMPTY)))
				.map(items -> Map.entry(leaf, items)))
			.collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()));
		Mono<JsonNode> hotTags = this.backends.get("ranking-service", requestId, "/api/rankings/tags?limit=10")
			.onErrorResume(error -> degraded("ranking-service", "home page without hot tags", error, Mono.just(EMPTY)));
		Mono<Optional<Long>> completed = this.backends.get("leads-service", requestId, "/api/diagnosis/stats")
			.map(stats -> Optional.of(stats.get("completed").asLong()))
			.onErrorResume(error -> degraded("leads-service", "home page without the diagnosis counter", error,
					Mono.just(Optional.empty())));
		return Mono.zip(latest, hot(requestId), hotTags, completed)
			.map(parts -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic())
				.body(new HomePage(parts.getT1(), parts.getT2(), parts.getT3(), parts.getT4().orElse(null))));
	}

	private Mono<JsonNode> hot(String requestId) {
		return this.backends.get("ranking-service", requestId, "/api/rankings/hot?window=24h&limit=10")
			.map(list -> list.get("items"))
			.onErrorResume(error -> degraded("ranking-service", "page without the hot list", error, Mono.just(EMPTY)));
	}

	private <T> Mono<T> degraded(String service, String degradesTo, Throwable error, Mono<T> fallback) {
		this.fallbacks.degraded(service, degradesTo, error);
		return fallback;
	}

	private static String requestId(ServerWebExchange exchange) {
		return RequestIdWebFilter.of(exchange);
	}

}
