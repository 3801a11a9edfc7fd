package com.accesspath.article.article;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.article.article.ArticleResponses.ArticlePage;
import com.accesspath.article.article.ArticleResponses.ArticleSummary;
import com.accesspath.article.article.ArticleResponses.TagCount;
import com.accesspath.article.article.PublishedArticleCache.CachedArticle;
import com.accesspath.article.config.ArticleProperties;
import com.accesspath.article.web.ConditionalJson;

/** The public, read-only side of articles. */
@RestController
class ArticleController {

	private final ArticleService articles;

	private final CacheControl publicCache;

	ArticleController(ArticleService articles, ArticleProperties properties) {
		this.articles = articles;
		this.publicCache = CacheControl.maxAge(properties.publicMaxAge()).cachePublic();
	}

	@GetMapping("/api/articles")
	ResponseEntity<ArticlePage> list(@RequestParam(required = false) @Size(max = 40) String category,
			@RequestParam(required = false) @Size(max = 30) String tag,
			@RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
			@RequestParam(required = false) @Size(max = 200) String cursor,
			@RequestParam(required = false) @Size(max = 3000) String ids) {
		ArticlePage page = (ids != null) ? this.articles.byIds(splitIds(ids))
				: this.articles.list(category, tag, q, limit, cursor);
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic()).body(page);
	}

	@GetMapping("/api/articles/{idOrSlug}")
	ResponseEntity<byte[]> article(@PathVariable String idOrSlug,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		CachedArticle article = this.articles.published(idOrSlug)
			.orElseThrow(() -> new ArticleNotFoundException(idOrSlug));
		return ConditionalJson.answer(article.json(), article.etag(), ifNoneMatch, this.publicCache);
	}

	@GetMapping("/api/articles/{idOrSlug}/related")
	List<ArticleSummary> related(@PathVariable String idOrSlug,
			@RequestParam(defaultValue = "5") @Min(1) @Max(20) int limit) {
		return this.articles.related(idOrSlug, limit);
	}

	@GetMapping("/api/tags")
	List<TagCount> tags(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.articles.tags(limit);
	}

	private static List<String> splitIds(String ids) {
		return Arrays.stream(ids.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
	}

}
