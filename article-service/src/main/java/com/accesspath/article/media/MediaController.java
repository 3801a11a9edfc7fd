package com.accesspath.article.media;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.article.media.Attachments.Attachment;
import com.accesspath.article.web.ConditionalJson;

/**
 * The files articles offer ({@link Attachments}) at their public address, where
 * leads-service's download links lead ({@code GET /api/downloads/{token}} answers 302 to
 * here). A file's bytes never change under its id, so every cache may keep them for a
 * year.
 */
@RestController
@Tag(name = "媒体文件", description = "文章附件(如白皮书 PDF)的公开地址;下载链接由留资后的邮件给出。")
class MediaController {

	static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final Attachments attachments;

	MediaController(Attachments attachments) {
		this.attachments = attachments;
	}

	@Operation(operationId = "getMediaFile", summary = "下载附件",
			description = "按文件 ID 返回附件内容,作为下载(Content-Disposition: attachment),带 ETag 和一年的 immutable 缓存;"
					+ "请求带 If-None-Match 且相同时返回 304。未知 ID 返回 404。")
	@ApiResponse(responseCode = "200", description = "文件内容", content = @Content(mediaType = "application/pdf"))
	@ApiResponse(responseCode = "304", description = "未变(If-None-Match 与 ETag 相同),没有响应体", content = @Content)
	@GetMapping("/media/{id}")
	ResponseEntity<Resource> file(
			@Parameter(description = "文件 ID(即文章的 attachment)",
					example = "ai-landing-guide.pdf") @PathVariable String id,
			@Parameter(description = "上次响应的 ETag") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) String ifNoneMatch) {
		Attachment file = this.attachments.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No file with this id."));
		if (ifNoneMatch != null && ConditionalJson.matches(ifNoneMatch, file.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(file.etag()).cacheControl(IMMUTABLE).build();
		}
		return ResponseEntity.ok()
			.contentType(file.contentType())
			.contentLength(file.bytes())
			.eTag(file.etag())
			.cacheControl(IMMUTABLE)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.id()).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(file.resource());
	}

}
