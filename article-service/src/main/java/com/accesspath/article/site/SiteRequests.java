package com.accesspath.article.site;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What administrators and editors send. Unknown fields are refused (a 400), a field sent
 * as a number, boolean or object where text is expected is a type error (a 400), and text
 * never holds control characters: one-line fields none at all, page bodies only tab and
 * newline.
 */
final class SiteRequests {

	private SiteRequests() {
	}

	/** No control characters at all (one line of text). */
	static final String ONE_LINE = "[^\\p{Cc}]*";

	/** No control characters but tab and newline. */
	static final String TEXT = "[\\t\\n[^\\p{Cc}]]*";

	static final String NO_CONTROL_CHARACTERS = "must not contain control characters";

	/**
	 * An http(s) URL or a path on the site ({@code /assets/…}), never {@code javascript:}
	 * nor a protocol-relative {@code //host}.
	 */
	static final String IMAGE = "(https?://|/(?!/))[^\\s\"'<>\\\\]{0,490}";

	static final String PHONE = "[0-9+()\\- ]{3,40}";

	/** Slugs of site pages: lower-case letters, digits and hyphens. */
	static final String SLUG = "[a-z0-9-]{1,64}";

	/**
	 * The whole of the settings (a PUT replaces them): {@code name} and {@code legalName}
	 * are required, the rest may be null.
	 */
	record SiteSettingsRequest(
			@NotBlank @Size(max = 60) @Pattern(regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String name,
			@NotBlank @Size(max = 100) @Pattern(regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String legalName,
			@Size(max = 60) @Pattern(regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String icp,
			@Size(max = 60) @Pattern(regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String publicSecurityRecord,
			@NotNull @Valid WeChatRequest wechat, @NotNull @Valid ContactRequest contact) {
	}

	record WeChatRequest(@Size(max = 60) @Pattern(regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String account,
			@Size(max = 500) @Pattern(regexp = IMAGE,
					message = "must be an http(s) URL or a path on the site such as /assets/qr.png") String qrImage) {
	}

	record ContactRequest(@Size(max = 254) @Email String email,
			@Size(max = 40) @Pattern(regexp = PHONE, message = "must be digits, spaces, +, -, ( and )") String phone,
			@Size(max = 200) @Pattern(regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String address) {
	}

	/** A page's text; its slug is in the path. The body is sanitised on write. */
	record SitePageRequest(
			@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String title,
			@NotBlank @Size(max = 200_000) @Pattern(regexp = TEXT, message = NO_CONTROL_CHARACTERS) String body) {
	}

}
