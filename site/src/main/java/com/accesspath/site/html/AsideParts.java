package com.accesspath.site.html;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.stereotype.Component;

import com.accesspath.site.content.Parallel;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.content.PageParts;

/**
 * Asks, in parallel, for what the aside and the frame need; ranking or leads being down
 * only leaves their blocks out.
 */
@Component
class AsideParts {

	private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

	private final PageParts parts;

	private final Parallel parallel;

	private final Frames frames;

	AsideParts(PageParts parts, Parallel parallel, Frames frames) {
		this.parts = parts;
		this.parallel = parallel;
		this.frames = frames;
	}

	/**
	 * Started now, read with {@link Pending#aside()} once the page's own parts are in.
	 */
	Pending start(boolean withDiagnosisCounter) {
		CompletableFuture<JsonNode> hot = this.parallel.optional(this.parts::hot, Backend.RANKING,
				"page without the hot list", EMPTY);
		CompletableFuture<JsonNode> hotTags = this.parallel.optional(this.parts::hotTags, Backend.RANKING,
				"page without hot tags", EMPTY);
		CompletableFuture<Long> completed = withDiagnosisCounter ? this.parallel
			.optional(this.parts::diagnosisCompleted, Backend.LEADS, "page without the diagnosis counter", null)
				: CompletableFuture.completedFuture(null);
		// The frame's settings and taxonomy, read meanwhile (both fall back on their
		// own).
		CompletableFuture<Void> frame = CompletableFuture.allOf(this.parallel.part(this.frames::settings),
				this.parallel.part(this.frames::tree));
		return new Pending(hot, hotTags, completed, frame);
	}

	record Pending(CompletableFuture<JsonNode> hot, CompletableFuture<JsonNode> hotTags,
			CompletableFuture<Long> completed, CompletableFuture<Void> frame) {

		Aside aside() {
			this.frame.exceptionally(ex -> null).join();
			return new Aside(Cards.hot(Parallel.join(this.hot)), Cards.hotTags(Parallel.join(this.hotTags)),
					Parallel.join(this.completed));
		}

	}

}
