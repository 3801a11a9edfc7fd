package com.accesspath.ranking.view;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.boot.problem.InvalidInputException;

/**
 * {@code GET /api/views/{articleId}} and {@code GET /api/views?ids=}; recording a view is
 * {@link ViewEndpoint}.
 */
@RestController
@Tag(name = "阅读量与热榜", description = "文章阅读量、24 小时和 7 天热榜以及热门标签;公开接口,无需登录。")
class ViewController {

	static final String ID = "[A-Za-z0-9_-]{1,64}";

	@Schema(description = "文章的累计阅读量")
	record ViewTotal(@Schema(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String articleId,
			@Schema(description = "累计阅读量", example = "12873") long views) {
	}

	@Schema(description = "多篇文章的累计阅读量")
	record ViewTotalList(@Schema(description = "按 ids 中的顺序,每篇文章一项(重复的 ID 只出现一次)") List<ViewTotal> items) {
	}

	/**
	 * As many ids as a page of an admin list (and the batch lookup of articles) takes.
	 */
	static final int MAX_IDS = 100;

	/** A MongoDB ObjectId as article-service writes it: 24 lower-case hex digits. */
	private static final java.util.regex.Pattern OBJECT_ID = java.util.regex.Pattern.compile("[0-9a-f]{24}");

	private final ViewRecorder recorder;

	private final ViewTotals totals;

	ViewController(ViewRecorder recorder, ViewTotals totals) {
		this.recorder = recorder;
		this.totals = totals;
	}

	@Operation(operationId = "getArticleViews", summary = "获取文章累计阅读量",
			description = "文章自发布以来的累计阅读量;从未被阅读过的文章(包括未知的 ID)返回 0。")
	@GetMapping("/api/views/{articleId}")
	ViewTotal total(@Parameter(description = "文章 ID",
			example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable @Pattern(regexp = ID) String articleId) {
		return new ViewTotal(articleId, this.recorder.total(articleId));
	}

	@Operation(operationId = "getViewsOfArticles", summary = "批量获取多篇文章的累计阅读量",
			description = "一次取 1-100 篇文章的累计阅读量(如后台文章列表的一页),按 ids 中的顺序返回,重复的 ID 只返回一次;"
					+ "从未被阅读过的文章(包括未知的 ID)为 0。ids 缺失或为空、超过 100 个、含有空项或不是 24 位小写十六进制的 ID 时返回 400。")
	@GetMapping("/api/views")
	ViewTotalList totals(@Parameter(description = "文章 ID,逗号分隔,1-100 个",
			example = "6650c3f1e4b0a72b9c0d1e2f,6650c3f1e4b0a72b9c0d1e30") @RequestParam(required = false) String ids) {
		return new ViewTotalList(this.totals.of(articleIds(ids))
			.entrySet()
			.stream()
			.map(total -> new ViewTotal(total.getKey(), total.getValue()))
			.toList());
	}

	/** The ids in their order, each once; 400 for a list this endpoint does not take. */
	static Set<String> articleIds(String ids) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidInputException("ids", "must name 1 to " + MAX_IDS + " article ids, comma-separated");
		}
		String[] parts = ids.split(",", -1);
		if (parts.length > MAX_IDS) {
			throw new InvalidInputException("ids", "must name at most " + MAX_IDS + " article ids");
		}
		Set<String> articleIds = new LinkedHashSet<>();
		for (String id : parts) {
			if (!OBJECT_ID.matcher(id).matches()) {
				throw new InvalidInputException("ids", "must be article ids of 24 lower-case hex digits");
			}
			articleIds.add(id);
		}
		return articleIds;
	}

}
