package com.accesspath.article.site;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

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
class AdminSiteController {

	private final SiteService site;

	AdminSiteController(SiteService site) {
		this.site = site;
	}

	@GetMapping
	ResponseEntity<SiteSettingsResponse> settings() {
		SiteSettings settings = this.site.settings();
		return ResponseEntity.ok().eTag(SiteService.etag(settings.version())).body(SiteSettingsResponse.of(settings));
	}

	@PutMapping
	ResponseEntity<SiteSettingsResponse> putSettings(
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody SiteSettingsRequest request) {
		Saved<SiteSettings> saved = this.site.putSettings(IfMatch.version(ifMatch), request);
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.eTag(SiteService.etag(saved.value().version()))
			.body(SiteSettingsResponse.of(saved.value()));
	}

	@GetMapping("/pages")
	List<SitePageSummary> pages() {
		return this.site.pages().stream().map(SitePageSummary::of).toList();
	}

	@GetMapping("/pages/{slug}")
	ResponseEntity<SitePageResponse> page(@PathVariable String slug) {
		SitePage page = this.site.page(slug);
		return ResponseEntity.ok().eTag(SiteService.etag(page.version())).body(SitePageResponse.of(page));
	}

	@PutMapping("/pages/{slug}")
	ResponseEntity<SitePageResponse> putPage(
			@PathVariable @Pattern(regexp = SiteRequests.SLUG,
					message = "must be 1 to 64 lower-case letters, digits and hyphens") String slug,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody SitePageRequest request) {
		Saved<SitePage> saved = this.site.putPage(slug, IfMatch.version(ifMatch), request);
		ResponseEntity.BodyBuilder answer = saved.created()
				? ResponseEntity.created(URI.create("/api/site/pages/" + slug)) : ResponseEntity.ok();
		return answer.eTag(SiteService.etag(saved.value().version())).body(SitePageResponse.of(saved.value()));
	}

}
