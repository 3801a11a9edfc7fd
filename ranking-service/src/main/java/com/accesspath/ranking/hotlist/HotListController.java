package com.accesspath.ranking.hotlist;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.ranking.hotlist.HotLists.HotTag;

/** {@code GET /api/rankings/tags}; the hot list itself is {@link HotListEndpoint}. */
@RestController
class HotListController {

	private final HotListService hotLists;

	HotListController(HotListService hotLists) {
		this.hotLists = hotLists;
	}

	@GetMapping("/api/rankings/tags")
	List<HotTag> tags(@RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit) {
		return this.hotLists.tags(limit);
	}

}
