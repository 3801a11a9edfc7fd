package com.accesspath.article.media;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.accesspath.article.web.Editors;
import com.accesspath.boot.problem.InvalidInputException;

/** Editors' uploads and the library they pick covers and body images from. */
@RestController
@RequestMapping("/api/admin/media")
@Validated
@Tag(name = "媒体库", description = "编辑后台:上传图片和 PDF,选择封面与正文图片(EDITOR 或 ADMIN 角色)。")
class AdminMediaController {

	private final MediaLibrary library;

	AdminMediaController(MediaLibrary library) {
		this.library = library;
	}

	@Operation(operationId = "uploadMedia", summary = "上传图片或 PDF",
			description = "multipart/form-data,字段 file。JPEG、PNG、WebP、GIF 图片最大 10 MiB,PDF 最大 50 MiB;"
					+ "类型从文件内容判断,与文件名和声明的类型无关,其他类型返回 415,解不开的图片也是 415;超出大小返回 413;"
					+ "声明像素过多的图片(解压炸弹)返回 422。图片会重新编码(去掉 EXIF、GPS 等元数据),并生成 320/640/1280 宽的版本。" + "同一文件重复上传得到同一条目。")
	@ApiResponse(responseCode = "201", description = "已存入媒体库")
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<MediaResponse> upload(
			@Parameter(description = "要上传的文件") @RequestPart(name = "file", required = false) MultipartFile file,
			@AuthenticationPrincipal Jwt editor) throws IOException {
		Media media = this.library.upload(file, Editors.nameOf(editor));
		return ResponseEntity.created(URI.create(media.url())).body(MediaResponse.of(media));
	}

	@Operation(operationId = "listMedia", summary = "列出媒体库",
			description = "最近上传的在前。翻页时把 nextCursor 原样作为 cursor 传回,最后一页 nextCursor 为 null。")
	@GetMapping
	MediaPage list(
			@Parameter(description = "每页条数,1-100",
					example = "30") @RequestParam(defaultValue = "30") @Min(1) @Max(100) int limit,
			@Parameter(description = "翻页游标:上一页返回的 nextCursor;第一页不传") @RequestParam(required = false) String cursor) {
		Media before = (cursor != null) ? this.library.find(decode(cursor))
			.orElseThrow(() -> new InvalidInputException("cursor", "is not a cursor of this list")) : null;
		List<Media> page = this.library.page(before, limit + 1);
		boolean more = page.size() > limit;
		List<Media> items = more ? page.subList(0, limit) : page;
		return new MediaPage(items.stream().map(MediaResponse::of).toList(),
				more ? encode(items.get(items.size() - 1).id()) : null);
	}

	private static String encode(String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("m|" + id).getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (raw.startsWith("m|") && raw.substring(2).matches(MediaLibrary.ID_PATTERN)) {
				return raw.substring(2);
			}
		}
		catch (IllegalArgumentException ex) {
			// Not Base64: the same answer as any other foreign cursor.
		}
		throw new InvalidInputException("cursor", "is not a cursor of this list");
	}

	@Schema(description = "媒体库中的文件")
	record MediaResponse(@Schema(description = "文件 ID", example = "3f2a9c0d1e4b5a6978c0d1e24b5a6978") String id,
			@Schema(description = "公开地址",
					example = "/media/3f2a9c0d1e4b5a6978c0d1e24b5a6978/factory-line.jpg") String url,
			@Schema(description = "类型", example = "image/jpeg") String contentType,
			@Schema(description = "存储的字节数(重新编码后)", example = "184233") long bytes,
			@Schema(description = "宽度(像素),PDF 为 null", example = "1600") Integer width,
			@Schema(description = "高度(像素),PDF 为 null", example = "900") Integer height,
			@Schema(description = "较窄的版本,按宽度升序;比原图窄的宽度才有") List<RenditionResponse> renditions,
			@Schema(description = "上传时的文件名", example = "产线质检.jpg") String name,
			@Schema(description = "上传者", example = "editor-zhang") String uploadedBy,
			@Schema(description = "上传时间", example = "2026-03-05T08:00:00Z") Instant uploadedAt) {

		static MediaResponse of(Media media) {
			return new MediaResponse(media.id(), media.url(), media.kind().contentType(), media.bytes(), media.width(),
					media.height(),
					media.renditions()
						.stream()
						.map(rendition -> new RenditionResponse(rendition.width(),
								media.url() + "?w=" + rendition.width()))
						.toList(),
					media.name(), media.uploadedBy(), media.uploadedAt());
		}

	}

	@Schema(description = "图片的一个较窄版本")
	record RenditionResponse(@Schema(description = "宽度(像素)", example = "640") int width, @Schema(description = "地址",
			example = "/media/3f2a9c0d1e4b5a6978c0d1e24b5a6978/factory-line.jpg?w=640") String url) {
	}

	@Schema(description = "媒体库的一页")
	record MediaPage(List<MediaResponse> items, @Schema(description = "下一页的游标;最后一页为 null") String nextCursor) {
	}

}
