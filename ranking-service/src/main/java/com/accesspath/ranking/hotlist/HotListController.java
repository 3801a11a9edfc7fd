package com.accesspath.ranking.hotlist;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.ranking.hotlist.HotLists.HotTag;

/** {@code GET /api/rankings/tags}; the hot list itself is {@link HotListEndpoint}. */
@RestController
@Tag(name = "阅读量与热榜", description = "文章阅读量、24 小时和 7 天热榜以及热门标签;公开接口,无需登录。")
class HotListController {

	private final HotListService hotLists;

	HotListController(HotListService hotLists) {
		this.hotLists = hotLists;
	}

	@Operation(operationId = "listHotTags", summary = "获取近 7 天热门标签",
			description = "按标签下文章近 7 天的阅读量打分,分高的在前;结果每隔几秒重新计算一次。")
	@GetMapping("/api/rankings/tags")
	List<HotTag> tags(@Parameter(description = "返回条数,1-50",
			example = "20") @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit) {
		return this.hotLists.tags(limit);
	}

}
