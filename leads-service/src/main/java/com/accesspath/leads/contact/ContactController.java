package com.accesspath.leads.contact;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bson.types.ObjectId;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.lead.ContactDetails;
import com.accesspath.leads.lead.IdempotencyKeys;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadIntake;
import com.accesspath.leads.lead.LeadType;

/** "联系我们": a contact message becomes (or joins) a lead in one atomic write. */
@RestController
class ContactController {

	record ContactRequest(@NotBlank @Size(max = 50) String name, @NotBlank @Size(max = 100) String company,
			@Pattern(regexp = "1[3-9]\\d{9}", message = "must be a mainland China mobile number") String phone,
			@Email(message = "must be a valid email address") @Size(max = 100) String email,
			@NotBlank @Size(max = 2000) String message,
			@NotNull @AssertTrue(message = "must be true: the privacy policy has to be accepted") Boolean consent) {
	}

	record ContactCreated(String id) {
	}

	private final LeadIntake intake;

	private final IdempotencyKeys idempotencyKeys;

	private final LeadsProperties properties;

	private final Clock clock;

	ContactController(LeadIntake intake, IdempotencyKeys idempotencyKeys, LeadsProperties properties, Clock clock) {
		this.intake = intake;
		this.idempotencyKeys = idempotencyKeys;
		this.properties = properties;
		this.clock = clock;
	}

	@PostMapping("/api/contact")
	ResponseEntity<ContactCreated> contact(@Valid @RequestBody ContactRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String idempotencyKey,
			HttpServletRequest http) {
		ContactDetails contact = new ContactDetails(request.name(), null, request.phone(), request.email(), null);
		if (!contact.reachable()) {
			throw new InvalidInputException("phone", "phone or email is required");
		}
		String submissionId = new ObjectId().toHexString();
		if (idempotencyKey != null) {
			var first = this.idempotencyKeys.find("contact", idempotencyKey);
			if (first.isPresent()) {
				return created(first.get(), true);
			}
			if (!this.idempotencyKeys.claim("contact", idempotencyKey, submissionId)) {
				return created(this.idempotencyKeys.find("contact", idempotencyKey).orElse(submissionId), true);
			}
		}
		Instant now = this.clock.instant();
		Lead.Consent consent = new Lead.Consent(true, now, http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT),
				this.properties.privacyTextVersion());
		this.intake.accept(new LeadIntake.Intake(LeadType.CONTACT, new Lead.Company(request.company().strip(), null, null, null),
				contact, new Lead.Submission(submissionId, LeadType.CONTACT, now, null, null, null, request.message(), consent)));
		return created(submissionId, false);
	}

	private static ResponseEntity<ContactCreated> created(String id, boolean replayed) {
		return ResponseEntity.created(URI.create("/api/contact/" + id))
			.header("Idempotent-Replayed", Boolean.toString(replayed))
			.body(new ContactCreated(id));
	}

}
