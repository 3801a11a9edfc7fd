package com.accesspath.gateway.pages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;

/**
 * The home page's "latest" sections: the leaves of the taxonomy's first group (AI 资讯), in
 * menu order, read from article-service's {@code /api/categories} — the taxonomy's one
 * source — and kept for a minute. While article-service cannot be asked, the last tree
 * read is used; before any was read, the home page has no sections.
 */
@Component
class HomeSections {

	static final Duration KEEP_FOR = Duration.ofMinutes(1);

	private final BackendCalls backends;

	private final Fallbacks fallbacks;

	private record Read(List<String> leaves, long atNanos) {
	}

	private volatile Read lastRead;

	HomeSections(BackendCalls backends, Fallbacks fallbacks) {
		this.backends = backends;
		this.fallbacks = fallbacks;
	}

	Mono<List<String>> leaves() {
		Read last = this.lastRead;
		if (last != null && System.nanoTime() - last.atNanos() < KEEP_FOR.toNanos()) {
			return Mono.just(last.leaves());
		}
		return this.backends.get("article-service", null, "/api/categories")
			.map(HomeSections::leavesOfFirstGroup)
			.doOnNext(leaves -> {
				this.lastRead = new Read(leaves, System.nanoTime());
				this.fallbacks.recovered("article-service");
			})
			.onErrorResume(error -> {
				this.fallbacks.degraded("article-service", "home page sections from the last taxonomy read", error);
				return Mono.just((last != null) ? last.leaves() : List.of());
			});
	}

	/**
	 * Reads the taxonomy again at the next request, keeping the last tree for a fallback.
	 */
	void expire() {
		Read last = this.lastRead;
		if (last != null) {
			this.lastRead = new Read(last.leaves(), System.nanoTime() - KEEP_FOR.toNanos());
		}
	}

	static List<String> leavesOfFirstGroup(JsonNode tree) {
		List<String> leaves = new ArrayList<>();
		if (tree.isArray() && !tree.isEmpty()) {
			collectLeaves(tree.get(0), leaves);
		}
		return List.copyOf(leaves);
	}

	private static void collectLeaves(JsonNode category, List<String> leaves) {
		JsonNode children = category.get("children");
		if (children == null || children.isEmpty()) {
			leaves.add(category.get("key").asString());
			return;
		}
		children.forEach(child -> collectLeaves(child, leaves));
	}

}
