package com.accesspath.newsletter.digest;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.newsletter.subscription.Frequency;

/** Editors start a digest by hand and watch its progress (role EDITOR). */
@RestController
@RequestMapping("/api/admin/newsletter/digests")
class DigestController {

	record DigestRequest(@NotNull Frequency frequency) {
	}

	record DigestProgress(String id, DigestRun.Status status, long sent, long failed) {
	}

	private final DigestRunner runner;

	DigestController(DigestRunner runner) {
		this.runner = runner;
	}

	@PostMapping
	ResponseEntity<Map<String, String>> start(@Valid @RequestBody DigestRequest request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", this.runner.start(request.frequency())));
	}

	@GetMapping("/{id}")
	DigestProgress progress(@PathVariable String id) {
		DigestRun run = this.runner.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No digest run '" + id + "'."));
		return new DigestProgress(run.id(), run.status(), run.sent(), run.failed());
	}

}
