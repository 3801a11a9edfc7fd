package com.accesspath.ranking.view;

import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/views/{articleId}}; recording a view is {@link ViewEndpoint}. */
@RestController
class ViewController {

	static final String ID = "[A-Za-z0-9_-]{1,64}";

	record ViewTotal(String articleId, long views) {
	}

	private final ViewRecorder recorder;

	ViewController(ViewRecorder recorder) {
		this.recorder = recorder;
	}

	@GetMapping("/api/views/{articleId}")
	ViewTotal total(@PathVariable @Pattern(regexp = ID) String articleId) {
		return new ViewTotal(articleId, this.recorder.total(articleId));
	}

}
