package com.accesspath.article.article;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.article.article.ArticleRequests.ArticleRequest;
import com.accesspath.article.article.ArticleRequests.PublishRequest;
import com.accesspath.article.article.ArticleResponses.ArticlePage;
import com.accesspath.article.article.ArticleResponses.ArticleResponse;
import com.accesspath.article.article.ArticleResponses.ArticleSummary;
import com.accesspath.boot.problem.InvalidInputException;

/** Editors' API (role EDITOR or ADMIN, enforced for all of {@code /api/admin/**}). */
@RestController
@RequestMapping("/api/admin/articles")
class AdminArticleController {

	private final ArticleEditor editor;

	private final ArticleRepository articles;

	private final Clock clock;

	AdminArticleController(ArticleEditor editor, ArticleRepository articles, Clock clock) {
		this.editor = editor;
		this.articles = articles;
		this.clock = clock;
	}

	@PostMapping
	ResponseEntity<ArticleResponse> create(@Valid @RequestBody ArticleRequest request) {
		Article article = this.editor.create(request);
		return ResponseEntity.created(URI.create("/api/admin/articles/" + article.id()))
			.eTag(etag(article))
			.body(ArticleResponse.of(article, this.clock.instant()));
	}

	@GetMapping("/{id}")
	ResponseEntity<ArticleResponse> get(@PathVariable String id) {
		Article article = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		return ResponseEntity.ok().eTag(etag(article)).body(ArticleResponse.of(article, this.clock.instant()));
	}

	@PutMapping("/{id}")
	ResponseEntity<ArticleResponse> update(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ArticleRequest request) {
		Article article = this.editor.update(id, expectedVersion(ifMatch), request);
		return ResponseEntity.ok().eTag(etag(article)).body(ArticleResponse.of(article, this.clock.instant()));
	}

	@PostMapping("/{id}/publish")
	ResponseEntity<ArticleResponse> publish(@PathVariable String id,
			@Valid @RequestBody(required = false) PublishRequest request) {
		Article article = this.editor.publish(id, (request != null) ? request.publishAt() : null);
		return ResponseEntity.ok().eTag(etag(article)).body(ArticleResponse.of(article, this.clock.instant()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> archive(@PathVariable String id) {
		this.editor.archive(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping
	ArticlePage list(@RequestParam(required = false) ArticleStatus status,
			@RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
			@RequestParam(required = false) String cursor) {
		ArticleCursor after = ArticleCursor.decode(cursor);
		if (after != null && (after.isKeyset() || after.isOffset())) {
			throw new InvalidInputException("cursor", "belongs to another kind of list");
		}
		List<Article> page = this.articles.findAll(status, after, limit + 1);
		boolean more = page.size() > limit;
		List<Article> items = more ? page.subList(0, limit) : page;
		var now = this.clock.instant();
		return new ArticlePage(items.stream().map(article -> ArticleSummary.of(article, now)).toList(),
				more ? ArticleCursor.afterId(items.get(items.size() - 1).id()).encode() : null);
	}

	private static String etag(Article article) {
		return "\"" + article.version() + "\"";
	}

	/**
	 * {@code If-Match: "3"} (or {@code W/"3"}, or {@code 3}); required so that no edit
	 * silently overwrites another.
	 */
	private static long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_REQUIRED,
					"Send If-Match with the version you edited, e.g. If-Match: \"3\".");
		}
		String value = ifMatch.strip();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		try {
			return Long.parseLong(value.replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
					"If-Match does not name a version of this article.");
		}
	}

}
