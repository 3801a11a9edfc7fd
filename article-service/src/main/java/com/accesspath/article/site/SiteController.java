package com.accesspath.article.site;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.article.config.ArticleProperties;
import com.accesspath.article.web.ConditionalJson;
import com.accesspath.article.site.SiteCache.CachedJson;
import com.accesspath.article.site.SiteResponses.SitePageResponse;
import com.accesspath.article.site.SiteResponses.SiteSettingsResponse;

/**
 * The public, read-only side: the site's settings (its footer, WeChat account, contact)
 * and its pages, from memory, with {@code ETag} (the version) and the same
 * {@code Cache-Control} as article reads.
 */
@RestController
@Tag(name = "站点信息", description = "站点设置(名称、备案号、公众号、联系方式)和编辑维护的站点页面(关于我们、隐私政策等);公开接口,无需登录。")
class SiteController {

	private final SiteService site;

	private final CacheControl publicCache;

	SiteController(SiteService site, ArticleProperties properties) {
		this.site = site;
		this.publicCache = CacheControl.maxAge(properties.publicMaxAge()).cachePublic();
	}

	@Operation(operationId = "getSiteSettings", summary = "获取站点信息",
			description = "页脚所需的站点名称、ICP 备案号、公安备案号、公众号和联系方式。带 ETag;请求带 If-None-Match 且未变时返回 304,没有响应体。")
	@ApiResponse(responseCode = "200", description = "站点信息",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = SiteSettingsResponse.class)))
	@ApiResponse(responseCode = "304", description = "未变(If-None-Match 与 ETag 相同),没有响应体", content = @Content)
	@GetMapping("/api/site")
	ResponseEntity<byte[]> settings(@Parameter(description = "上次响应的 ETag,如 \"3\"") @RequestHeader(
			name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return answer(this.site.publicSettings().orElseThrow(SiteNotFoundException::settings), ifNoneMatch);
	}

	@Operation(operationId = "getSitePage", summary = "获取站点页面",
			description = "编辑维护的页面,如 about、services、privacy、terms;未知页面返回 404。带 ETag;"
					+ "请求带 If-None-Match 且未变时返回 304,没有响应体。")
	@ApiResponse(responseCode = "200", description = "页面内容",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = SitePageResponse.class)))
	@ApiResponse(responseCode = "304", description = "未变(If-None-Match 与 ETag 相同),没有响应体", content = @Content)
	@GetMapping("/api/site/pages/{slug}")
	ResponseEntity<byte[]> page(@Parameter(description = "页面别名", example = "privacy") @PathVariable String slug,
			@Parameter(description = "上次响应的 ETag,如 \"3\"") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) String ifNoneMatch) {
		return answer(this.site.publicPage(slug).orElseThrow(() -> SiteNotFoundException.page(slug)), ifNoneMatch);
	}

	private ResponseEntity<byte[]> answer(CachedJson cached, String ifNoneMatch) {
		return ConditionalJson.answer(cached.json(), cached.etag(), ifNoneMatch, this.publicCache);
	}

}
