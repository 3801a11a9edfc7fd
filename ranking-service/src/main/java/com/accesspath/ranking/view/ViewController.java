package com.accesspath.ranking.view;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.ranking.view.ViewRecorder.ViewResult;

@RestController
class ViewController {

	static final String ID = "[A-Za-z0-9_-]{1,64}";

	record ViewRequest(@NotBlank @Size(max = 64) @Pattern(regexp = ID, message = "is not an article id") String articleId) {
	}

	record ViewTotal(String articleId, long views) {
	}

	private final ViewRecorder recorder;

	ViewController(ViewRecorder recorder) {
		this.recorder = recorder;
	}

	@PostMapping("/api/views")
	ResponseEntity<ViewResult> record(@Valid @RequestBody ViewRequest request,
			@RequestHeader(name = "X-Visitor-Id", required = false) @Size(max = 128) String visitorId,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent, HttpServletRequest http) {
		// Without a visitor id, the visitor is the client address plus user agent (API.md).
		String visitor = (visitorId != null && !visitorId.isBlank()) ? "id:" + visitorId
				: "ip:" + http.getRemoteAddr() + "|" + userAgent;
		ViewResult result = this.recorder.record(request.articleId(), visitor, userAgent)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No published article '" + request.articleId() + "'."));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(result);
	}

	@GetMapping("/api/views/{articleId}")
	ViewTotal total(@PathVariable @Pattern(regexp = ID) String articleId) {
		return new ViewTotal(articleId, this.recorder.total(articleId));
	}

}
