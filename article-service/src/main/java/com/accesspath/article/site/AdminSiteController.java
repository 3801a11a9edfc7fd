package com.accesspath.article.site;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.article.site.SiteRequests.SitePageRequest;
import com.accesspath.article.site.SiteRequests.SiteSettingsRequest;
import com.accesspath.article.site.SiteResponses.SitePageResponse;
import com.accesspath.article.site.SiteResponses.SitePageSummary;
import com.accesspath.article.site.SiteResponses.SiteSettingsResponse;
import com.accesspath.article.site.SiteService.Saved;

/**
 * Editing the site: its settings (ADMIN only, see {@link SiteSecurityConfiguration}) and
 * its pages (EDITOR or ADMIN). Reads here come straight from MongoDB, so an editor always
 * sees the version to send as {@code If-Match}.
 */
@RestController
@RequestMapping("/api/admin/site")
@Tag(name = "站点管理", description = "修改站点设置(仅 ADMIN)和站点页面(EDITOR 或 ADMIN)。")
class AdminSiteController {

	private final SiteService site;

	AdminSiteController(SiteService site) {
		this.site = site;
	}

	@Operation(operationId = "getAdminSiteSettings", summary = "获取站点设置(编辑用)",
			description = "仅 ADMIN。直接读数据库,响应的 ETag 即修改时要带的 If-Match;尚未设置时返回 404。")
	@GetMapping
	ResponseEntity<SiteSettingsResponse> settings() {
		SiteSettings settings = this.site.settings();
		return ResponseEntity.ok().eTag(SiteService.etag(settings.version())).body(SiteSettingsResponse.of(settings));
	}

	@Operation(operationId = "updateSiteSettings", summary = "修改站点设置",
			description = "仅 ADMIN。整体替换站点设置。已有设置时必须带 If-Match(取自 ETag):缺少时 428,版本已变时 412;"
					+ "尚无设置时不带 If-Match,创建并返回 201。")
	@ApiResponse(responseCode = "200", description = "已更新")
	@ApiResponse(responseCode = "201", description = "首次创建")
	@PutMapping
	ResponseEntity<SiteSettingsResponse> putSettings(
			@Parameter(description = "要修改的版本,即上次响应的 ETag,如 \"3\";首次创建时不带") @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch,
			@Valid @RequestBody SiteSettingsRequest request) {
		Saved<SiteSettings> saved = this.site.putSettings(IfMatch.version(ifMatch), request);
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.eTag(SiteService.etag(saved.value().version()))
			.body(SiteSettingsResponse.of(saved.value()));
	}

	@Operation(operationId = "listAdminSitePages", summary = "列出站点页面", description = "所有站点页面,不含正文。")
	@GetMapping("/pages")
	List<SitePageSummary> pages() {
		return this.site.pages().stream().map(SitePageSummary::of).toList();
	}

	@Operation(operationId = "getAdminSitePage", summary = "获取站点页面(编辑用)",
			description = "直接读数据库,响应的 ETag 即修改时要带的 If-Match;未知页面返回 404。")
	@GetMapping("/pages/{slug}")
	ResponseEntity<SitePageResponse> page(
			@Parameter(description = "页面别名", example = "privacy") @PathVariable String slug) {
		SitePage page = this.site.page(slug);
		return ResponseEntity.ok().eTag(SiteService.etag(page.version())).body(SitePageResponse.of(page));
	}

	@Operation(operationId = "putSitePage", summary = "新建或修改站点页面",
			description = "页面不存在时不带 If-Match,创建并返回 201;已存在时必须带 If-Match(取自 ETag):缺少时 428,版本已变时 412。正文写入时像文章一样清洗。")
	@ApiResponse(responseCode = "200", description = "已更新")
	@ApiResponse(responseCode = "201", description = "已创建")
	@PutMapping("/pages/{slug}")
	ResponseEntity<SitePageResponse> putPage(
			@Parameter(description = "页面别名:小写字母、数字和连字符,1-64 个字符", example = "privacy") @PathVariable @Pattern(
					regexp = SiteRequests.SLUG,
					message = "must be 1 to 64 lower-case letters, digits and hyphens") String slug,
			@Parameter(description = "要修改的版本,即上次响应的 ETag,如 \"3\";首次创建时不带") @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch,
			@Valid @RequestBody SitePageRequest request) {
		Saved<SitePage> saved = this.site.putPage(slug, IfMatch.version(ifMatch), request);
		ResponseEntity.BodyBuilder answer = saved.created()
				? ResponseEntity.created(URI.create("/api/site/pages/" + slug)) : ResponseEntity.ok();
		return answer.eTag(SiteService.etag(saved.value().version())).body(SitePageResponse.of(saved.value()));
	}

}
