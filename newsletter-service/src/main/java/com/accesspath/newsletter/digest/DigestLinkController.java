package com.accesspath.newsletter.digest;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.boot.problem.InvalidInputException;

/**
 * The digests' tracked links: count the click for the run and the link, then redirect.
 */
@RestController
@Tag(name = "订阅", description = "AI 资讯邮件订阅:订阅(双重确认)、确认、退订和订阅偏好;公开接口,凭邮件链接中的 token 操作。")
class DigestLinkController {

	private final DigestLinks links;

	DigestLinkController(DigestLinks links) {
		this.links = links;
	}

	@Operation(operationId = "followDigestLink", summary = "打开摘要邮件中的链接",
			description = "摘要邮件里的每个链接都经过这里:按期和链接累计点击数(不记录是谁点击的),然后 302 跳转到原链接。" + "签名不对的链接不会跳转到站外(400),本站的链接照常跳转但不计数。")
	@ApiResponse(responseCode = "302", description = "跳转到原链接")
	@ApiResponse(responseCode = "400", description = "签名无效且不是本站链接")
	@GetMapping("/api/subscriptions/links")
	ResponseEntity<Void> follow(
			@Parameter(description = "摘要 ID", example = "weekly-2026-W10") @RequestParam(required = false) String run,
			@Parameter(description = "原链接", example = "https://www.accesspath.cn/articles/openai-nato") @RequestParam(
					required = false) String url,
			@Parameter(description = "签名") @RequestParam(required = false) String sig) {
		if (url == null || url.isBlank() || url.length() > 2048
				|| !(url.startsWith("https://") || url.startsWith("http://"))) {
			throw new InvalidInputException("url", "must be the http(s) link of a digest");
		}
		URI target;
		try {
			target = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("url", "must be the http(s) link of a digest");
		}
		if (run != null && run.length() <= 64 && this.links.verify(run, url, sig)) {
			this.links.countClick(run, url);
		}
		else if (!this.links.isOwnSite(url)) {
			throw new InvalidInputException("sig", "does not match the link");
		}
		return ResponseEntity.status(HttpStatus.FOUND)
			.header(HttpHeaders.LOCATION, target.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.build();
	}

}
