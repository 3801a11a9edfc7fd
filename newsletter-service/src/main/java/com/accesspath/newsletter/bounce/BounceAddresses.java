package com.accesspath.newsletter.bounce;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * VERP: every mail leaves with its own envelope sender, {@code bounces+<tag>@domain}, the
 * tag being the mail's outbox id. A bounce goes back to that address, so it names the one
 * mail it answers, and through it the recipient, whatever the bounce's text claims.
 */
@Component
public class BounceAddresses {

	private static final Pattern TAG = Pattern.compile("[0-9a-f]{32}");

	private final String localPart;

	private final String domain;

	public BounceAddresses(BounceProperties properties) {
		String returnPath = properties.returnPath();
		int at = returnPath.lastIndexOf('@');
		this.localPart = properties.verp() ? returnPath.substring(0, at) : null;
		this.domain = properties.verp() ? returnPath.substring(at + 1).toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * The envelope sender ({@code Return-Path}) for the mail with this tag; empty when no
	 * bounce address is configured (the mail then leaves with the default sender).
	 * @param tag the mail's outbox id: 32 lower-case hex characters
	 */
	public Optional<String> returnPathFor(String tag) {
		if (tag == null || !TAG.matcher(tag).matches()) {
			throw new IllegalArgumentException("A tag is 32 lower-case hex characters, not '" + tag + "'");
		}
		if (this.localPart == null) {
			return Optional.empty();
		}
		return Optional.of(this.localPart + "+" + tag + "@" + this.domain);
	}

	/**
	 * The tag of a VERP address this service made; empty for any other address (another
	 * local part or domain, no tag, a tag that is not 32 lower-case hex characters).
	 */
	public Optional<String> tagOf(String address) {
		if (this.localPart == null || address == null) {
			return Optional.empty();
		}
		String candidate = address.strip();
		int at = candidate.lastIndexOf('@');
		if (at < 0 || !candidate.substring(at + 1).equalsIgnoreCase(this.domain)) {
			return Optional.empty();
		}
		String local = candidate.substring(0, at);
		String prefix = this.localPart + "+";
		if (!local.startsWith(prefix)) {
			return Optional.empty();
		}
		String tag = local.substring(prefix.length());
		return TAG.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
	}

}
