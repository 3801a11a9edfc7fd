package com.accesspath.ranking.view;

import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/views/{articleId}}; recording a view is {@link ViewEndpoint}. */
@RestController
@Tag(name = "阅读量与热榜", description = "文章阅读量、24 小时和 7 天热榜以及热门标签;公开接口,无需登录。")
class ViewController {

	static final String ID = "[A-Za-z0-9_-]{1,64}";

	@Schema(description = "文章的累计阅读量")
	record ViewTotal(@Schema(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String articleId,
			@Schema(description = "累计阅读量", example = "12873") long views) {
	}

	private final ViewRecorder recorder;

	ViewController(ViewRecorder recorder) {
		this.recorder = recorder;
	}

	@Operation(operationId = "getArticleViews", summary = "获取文章累计阅读量",
			description = "文章自发布以来的累计阅读量;从未被阅读过的文章(包括未知的 ID)返回 0。")
	@GetMapping("/api/views/{articleId}")
	ViewTotal total(@Parameter(description = "文章 ID",
			example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable @Pattern(regexp = ID) String articleId) {
		return new ViewTotal(articleId, this.recorder.total(articleId));
	}

}
