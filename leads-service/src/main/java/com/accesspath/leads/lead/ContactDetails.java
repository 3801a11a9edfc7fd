package com.accesspath.leads.lead;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person's contact details; phone (mainland mobile) or email is required, checked where
 * both are known.
 */
public record ContactDetails(@NotBlank @Size(max = 50) String name, @Size(max = 50) String title,
		@Pattern(regexp = "1[3-9]\\d{9}", message = "must be a mainland China mobile number") String phone,
		@Email(message = "must be a valid email address") @Size(max = 100) String email,
		@Size(max = 50) String wechat) {

	public boolean reachable() {
		return (this.phone != null && !this.phone.isBlank()) || (this.email != null && !this.email.isBlank());
	}

	public String normalizedEmail() {
		return (this.email == null || this.email.isBlank()) ? null : this.email.strip().toLowerCase(Locale.ROOT);
	}

	public String normalizedPhone() {
		return (this.phone == null || this.phone.isBlank()) ? null : this.phone.strip();
	}

}
