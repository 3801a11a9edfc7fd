package com.accesspath.leads.diagnosis;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class DiagnosisController {

	record DiagnosisCreated(String id, String reportToken, Report report) {
	}

	record DiagnosisStats(long completed) {
	}

	static final String IDEMPOTENCY_KEY = "[A-Za-z0-9._:-]{1,100}";

	private final DiagnosisService diagnoses;

	DiagnosisController(DiagnosisService diagnoses) {
		this.diagnoses = diagnoses;
	}

	@PostMapping("/api/diagnosis")
	ResponseEntity<DiagnosisCreated> submit(@Valid @RequestBody DiagnosisRequest request,
			@RequestHeader(name = "Idempotency-Key",
					required = false) @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey,
			HttpServletRequest http) {
		var submitted = this.diagnoses.submit(request, idempotencyKey,
				new DiagnosisService.ClientInfo(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
		Diagnosis diagnosis = submitted.diagnosis();
		return ResponseEntity
			.created(URI.create("/api/diagnosis/" + diagnosis.id() + "/report?token=" + diagnosis.reportToken()))
			.header("Idempotent-Replayed", Boolean.toString(submitted.replayed()))
			.body(new DiagnosisCreated(diagnosis.id(), diagnosis.reportToken(), diagnosis.report()));
	}

	@GetMapping("/api/diagnosis/{id}/report")
	Report report(@PathVariable String id, @RequestParam(required = false) String token) {
		return this.diagnoses.report(id, token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report here for this link."));
	}

	@GetMapping("/api/diagnosis/stats")
	DiagnosisStats stats() {
		return new DiagnosisStats(this.diagnoses.completed());
	}

}
