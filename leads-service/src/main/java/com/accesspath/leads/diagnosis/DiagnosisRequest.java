package com.accesspath.leads.diagnosis;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.accesspath.leads.lead.ContactDetails;

/** The three wizard steps in one body (API.md, "Diagnosis body"). */
public record DiagnosisRequest(@NotNull @Valid CompanyDetails company,
		@NotEmpty @Size(max = 60) Map<@Size(max = 40) String, @NotNull Integer> answers,
		@NotNull @Valid ContactDetails contact,
		@NotNull @AssertTrue(message = "must be true: the privacy policy has to be accepted") Boolean consent) {

	public static final String INDUSTRIES = "finance|healthcare|education|retail|manufacturing|internet|energy|government|other";

	public static final String SIZES = "1-50|51-200|201-1000|1001-5000|5000\\+";

	public record CompanyDetails(@NotBlank @Size(max = 100) String name,
			@NotBlank @Pattern(regexp = INDUSTRIES, message = "must be one of " + INDUSTRIES) String industry,
			@NotBlank @Pattern(regexp = SIZES,
					message = "must be one of 1-50, 51-200, 201-1000, 1001-5000, 5000+") String size,
			@Size(max = 50) String region) {
	}

}
