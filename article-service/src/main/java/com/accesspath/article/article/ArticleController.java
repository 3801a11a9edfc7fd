package com.accesspath.article.article;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.article.article.ArticleResponses.ArticlePage;
import com.accesspath.article.article.ArticleResponses.ArticleResponse;
import com.accesspath.article.article.ArticleResponses.ArticleSummary;
import com.accesspath.article.article.ArticleResponses.TagCount;
import com.accesspath.article.article.PublishedArticleCache.CachedArticle;
import com.accesspath.article.config.ArticleProperties;
import com.accesspath.article.web.ConditionalJson;

/** The public, read-only side of articles. */
@RestController
@Tag(name = "文章", description = "已发布文章的列表、搜索、详情、相关推荐和标签统计;公开接口,无需登录。")
class ArticleController {

	private final ArticleService articles;

	private final CacheControl publicCache;

	ArticleController(ArticleService articles, ArticleProperties properties) {
		this.articles = articles;
		this.publicCache = CacheControl.maxAge(properties.publicMaxAge()).cachePublic();
	}

	@Operation(operationId = "listArticles", summary = "按分类、标签或关键词列出文章",
			description = "只返回已发布且发布时间已到的文章,最新的在前。翻页:把上一页的 nextCursor 原样作为 cursor 传回,"
					+ "最后一页 nextCursor 为 null;翻页期间有新文章发布也不会重复或遗漏。"
					+ "传 ids 时改为按 ID 批量获取:按给定顺序返回,未知或未发布的 ID 略过,最多 100 个(超出为 400),其他参数不起作用。"
					+ "传 featured=true 时只返回首页头条(已发布的,通常一篇),没有下一页。")
	@GetMapping("/api/articles")
	ResponseEntity<ArticlePage> list(
			@Parameter(description = "分类 key,叶子分类或分组(分组匹配其下所有叶子分类)",
					example = "manufacturing") @RequestParam(required = false) @Size(max = 40) String category,
			@Parameter(description = "标签", example = "大模型") @RequestParam(required = false) @Size(max = 30) String tag,
			@Parameter(description = "关键词,中英文均可,匹配标题、摘要和正文",
					example = "质检") @RequestParam(required = false) @Size(max = 100) String q,
			@Parameter(description = "每页条数,1-50",
					example = "20") @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
			@Parameter(description = "翻页游标:上一页返回的 nextCursor;第一页不传",
					example = "a3wxNzcyNjExMjAwMDAwfDY2NTBjM2YxZTRiMGE3MmI5YzBkMWUyZg") @RequestParam(
							required = false) @Size(max = 200) String cursor,
			@Parameter(description = "按 ID 批量获取:逗号分隔,最多 100 个",
					example = "6650c3f1e4b0a72b9c0d1e2f,6650c3f1e4b0a72b9c0d1e30") @RequestParam(
							required = false) @Size(max = 3000) String ids,
			@Parameter(description = "为 true 时只返回首页头条",
					example = "true") @RequestParam(required = false) Boolean featured) {
		ArticlePage page;
		if (ids != null) {
			page = this.articles.byIds(splitIds(ids));
		}
		else if (Boolean.TRUE.equals(featured)) {
			page = this.articles.featured(limit);
		}
		else {
			page = this.articles.list(category, tag, q, limit, cursor);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic()).body(page);
	}

	@Operation(operationId = "getArticle", summary = "按 ID 或别名获取文章",
			description = "返回文章全文,带 ETag(文章版本);请求带 If-None-Match 且文章未变时返回 304,没有响应体。草稿、未到发布时间和已归档的文章返回 404。")
	@ApiResponse(responseCode = "200", description = "文章全文",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = ArticleResponse.class)))
	@ApiResponse(responseCode = "304", description = "文章未变(If-None-Match 与 ETag 相同),没有响应体", content = @Content)
	@ApiResponse(responseCode = "301", description = "文章已改用新的别名:Location 为新地址", content = @Content)
	@GetMapping("/api/articles/{idOrSlug}")
	ResponseEntity<byte[]> article(
			@Parameter(description = "文章 ID 或 URL 别名",
					example = "llm-quality-inspection-in-manufacturing") @PathVariable String idOrSlug,
			@Parameter(description = "上次响应的 ETag,如 \"3\"") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) String ifNoneMatch) {
		Optional<CachedArticle> article = this.articles.published(idOrSlug);
		if (article.isEmpty()) {
			// A slug the article was published under before: shared links keep working.
			String slug = this.articles.movedTo(idOrSlug).orElseThrow(() -> new ArticleNotFoundException(idOrSlug));
			return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
				.location(URI.create("/api/articles/" + slug))
				.cacheControl(this.publicCache)
				.build();
		}
		return ConditionalJson.answer(article.get().json(), article.get().etag(), ifNoneMatch, this.publicCache);
	}

	@Operation(operationId = "listRelatedArticles", summary = "获取相关文章", description = "与该文章共同标签最多的已发布文章在前,不含该文章本身。")
	@GetMapping("/api/articles/{idOrSlug}/related")
	List<ArticleSummary> related(
			@Parameter(description = "文章 ID 或 URL 别名",
					example = "llm-quality-inspection-in-manufacturing") @PathVariable String idOrSlug,
			@Parameter(description = "返回条数,1-20",
					example = "5") @RequestParam(defaultValue = "5") @Min(1) @Max(20) int limit) {
		return this.articles.related(idOrSlug, limit);
	}

	@Operation(operationId = "listTags", summary = "获取标签及文章数", description = "按已发布文章数从多到少排列。")
	@GetMapping("/api/tags")
	List<TagCount> tags(@Parameter(description = "返回条数,1-100",
			example = "20") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.articles.tags(limit);
	}

	private static List<String> splitIds(String ids) {
		return Arrays.stream(ids.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
	}

}
