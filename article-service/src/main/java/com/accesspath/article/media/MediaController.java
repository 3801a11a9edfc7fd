package com.accesspath.article.media;

import java.io.IOException;
import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.article.media.Attachments.Attachment;
import com.accesspath.article.media.MediaStore.StoredFile;
import com.accesspath.article.web.ConditionalJson;
import com.accesspath.boot.problem.InvalidInputException;

/**
 * The files articles offer ({@link Attachments}) at their public address, where
 * leads-service's download links lead ({@code GET /api/downloads/{token}} answers 302 to
 * here). A file's bytes never change under its id, so every cache may keep them for a
 * year.
 */
@RestController
@Tag(name = "媒体文件", description = "媒体库图片与文章附件(如白皮书 PDF)的公开地址;附件的下载链接由留资后的邮件给出。")
class MediaController {

	static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	/**
	 * Served bytes are never a document of this site: no script runs and nothing loads
	 * even if a browser were to render one as a page.
	 */
	private static final String SANDBOX = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

	private final Attachments attachments;

	private final MediaLibrary library;

	MediaController(Attachments attachments, MediaLibrary library) {
		this.attachments = attachments;
		this.library = library;
	}

	@Operation(operationId = "getLibraryFile", summary = "媒体库文件",
			description = "图片或 PDF 的内容,带 ETag 和一年的 immutable 缓存;If-None-Match 相同时返回 304。"
					+ "图片可加 ?w=320、640 或 1280 取较窄的版本(原图不比它宽时返回原图);其他宽度返回 400。未知文件返回 404。")
	@ApiResponse(responseCode = "200", description = "文件内容",
			content = { @Content(mediaType = "image/jpeg"), @Content(mediaType = "image/png"),
					@Content(mediaType = "application/pdf") })
	@ApiResponse(responseCode = "304", description = "未变(If-None-Match 与 ETag 相同),没有响应体", content = @Content)
	@GetMapping("/media/{id}/{file}")
	ResponseEntity<InputStreamResource> libraryFile(
			@Parameter(description = "文件 ID", example = "3f2a9c0d1e4b5a6978c0d1e24b5a6978") @PathVariable String id,
			@Parameter(description = "文件名", example = "factory-line.jpg") @PathVariable String file,
			@Parameter(description = "宽度:320、640 或 1280", example = "640") @RequestParam(name = "w",
					required = false) Integer width,
			@Parameter(description = "上次响应的 ETag") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) String ifNoneMatch)
			throws IOException {
		Media media = this.library.find(id)
			.filter(found -> found.file().equals(file))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No file with this address."));
		if (width != null && (media.width() == null || !this.library.isRenditionWidth(width))) {
			throw new InvalidInputException("w", "must be one of the rendition widths of an image");
		}
		String etag = "\"" + media.id() + ((width != null) ? "-" + width : "") + "\"";
		if (ifNoneMatch != null && ConditionalJson.matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(IMMUTABLE).build();
		}
		StoredFile stored = this.library.open(media, width)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No file with this address."));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(stored.contentType()))
			.contentLength(stored.length())
			.eTag(etag)
			.cacheControl(IMMUTABLE)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(media.file()).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", SANDBOX)
			.body(new InputStreamResource(stored.content()));
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
