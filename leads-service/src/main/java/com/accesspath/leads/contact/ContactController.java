package com.accesspath.leads.contact;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.leads.idempotency.IdempotentRequests.Outcome;

/** "联系我们": a contact message for sales. */
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

	private final ContactService contacts;

	ContactController(ContactService contacts) {
		this.contacts = contacts;
	}

	@PostMapping("/api/contact")
	ResponseEntity<ContactCreated> contact(@Valid @RequestBody ContactRequest request,
			@RequestHeader(name = "Idempotency-Key",
					required = false) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String idempotencyKey,
			HttpServletRequest http) {
		Outcome<String> submitted = this.contacts.submit(request, idempotencyKey, http.getRemoteAddr(),
				http.getHeader(HttpHeaders.USER_AGENT));
		return ResponseEntity.created(URI.create("/api/contact/" + submitted.result()))
			.header("Idempotent-Replayed", Boolean.toString(submitted.replayed()))
			.body(new ContactCreated(submitted.result()));
	}

}
