package com.accesspath.ranking.hotlist;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.ranking.hotlist.HotLists.HotList;
import com.accesspath.ranking.hotlist.HotLists.HotTag;

@RestController
class HotListController {

	private final HotListService hotLists;

	HotListController(HotListService hotLists) {
		this.hotLists = hotLists;
	}

	@GetMapping("/api/rankings/hot")
	ResponseEntity<HotList> hot(@RequestParam(defaultValue = "24h") String window,
			@RequestParam(required = false) @Size(max = 40) String category,
			@RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
		String filter = (category == null || category.isBlank()) ? null : category.strip();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(5)).cachePublic())
			.body(this.hotLists.hot(HotListService.Window.of(window), filter, limit));
	}

	@GetMapping("/api/rankings/tags")
	List<HotTag> tags(@RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit) {
		return this.hotLists.tags(limit);
	}

}
