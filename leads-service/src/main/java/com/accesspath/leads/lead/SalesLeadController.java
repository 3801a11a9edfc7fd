package com.accesspath.leads.lead;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.leads.lead.LeadRepository.LeadFilter;
import com.accesspath.leads.lead.SalesView.LeadDetail;
import com.accesspath.leads.lead.SalesView.LeadPage;

/** The sales team's API (role SALES, or ADMIN; erasure is ADMIN only). */
@RestController
@RequestMapping("/api/admin/leads")
class SalesLeadController {

	record LeadChange(LeadStatus status, @Size(max = 50) String assignee) {
	}

	record NoteRequest(@NotBlank @Size(max = 2000) String text) {
	}

	static final int EXPORT_MAX = 10_000;

	private final SalesLeadService sales;

	SalesLeadController(SalesLeadService sales) {
		this.sales = sales;
	}

	@GetMapping
	LeadPage list(@RequestParam(required = false) LeadStatus status, @RequestParam(required = false) LeadType type,
			@RequestParam(required = false) @Size(max = 30) String industry,
			@RequestParam(required = false) @Size(max = 50) String assignee,
			@RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
			@RequestParam(required = false) @Size(max = 40) String cursor) {
		return this.sales.list(new LeadFilter(status, type, industry, assignee, q), limit, cursor);
	}

	@GetMapping(path = "/export", produces = "text/csv")
	ResponseEntity<byte[]> export(@RequestParam(required = false) LeadStatus status,
			@RequestParam(required = false) LeadType type,
			@RequestParam(required = false) @Size(max = 30) String industry,
			@RequestParam(required = false) @Size(max = 50) String assignee,
			@RequestParam(required = false) @Size(max = 100) String q) {
		String csv = LeadCsv.of(this.sales.all(new LeadFilter(status, type, industry, assignee, q), EXPORT_MAX));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("leads.csv").build().toString())
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}

	@GetMapping("/{id}")
	ResponseEntity<LeadDetail> lead(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
		LeadDetail lead = this.sales.view(id, user.getSubject());
		return ResponseEntity.ok().eTag("\"" + lead.version() + "\"").body(lead);
	}

	@PatchMapping("/{id}")
	ResponseEntity<LeadDetail> change(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody LeadChange change, @AuthenticationPrincipal Jwt user) {
		LeadDetail lead = this.sales.change(id, version(ifMatch), change.status(), change.assignee(),
				user.getSubject());
		return ResponseEntity.ok().eTag("\"" + lead.version() + "\"").body(lead);
	}

	@PostMapping("/{id}/notes")
	ResponseEntity<Lead.Note> note(@PathVariable String id, @Valid @RequestBody NoteRequest note,
			@AuthenticationPrincipal Jwt user) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.sales.addNote(id, note.text(), user.getSubject()));
	}

	@DeleteMapping("/{id}/personal-data")
	LeadDetail erase(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
		List<String> roles = user.getClaimAsStringList("roles");
		if (roles == null || !roles.contains("ADMIN")) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an ADMIN may erase personal data.");
		}
		return this.sales.erase(id, user.getSubject());
	}

	private static long version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_REQUIRED,
					"Send If-Match with the lead's ETag, e.g. If-Match: \"3\".");
		}
		String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
					"If-Match does not name a version of this lead.");
		}
	}

}
