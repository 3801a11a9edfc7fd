package com.accesspath.newsletter.bounce;

import java.util.Locale;

/**
 * One bounce or complaint about one mail to one address, as a provider or a mailbox
 * reported it.
 *
 * @param email the recipient, lower case
 * @param kind what happened
 * @param mailId what identifies the mail (its outbox tag, or the provider's message or
 * event id): the same bounce read twice has the same id and counts once
 * @param source who reported it: {@code mailbox}, {@code sendgrid} or {@code ses}
 * @param detail the status or diagnostic given, for people reading the suppression
 */
public record Bounce(String email, Kind kind, String mailId, String source, String detail) {

	private static final int DETAIL_LENGTH = 300;

	public Bounce {
		email = email.strip().toLowerCase(Locale.ROOT);
		detail = readable(detail);
	}

	public enum Kind {

		/** Permanent: the address does not exist or refuses mail for good. */
		HARD_BOUNCE,
		/** Temporary: a full mailbox, a greylisting, a block that may lift. */
		SOFT_BOUNCE,
		/** The recipient marked a mail as spam. */
		COMPLAINT;

		/** The metric tag and the stored reason's spelling: {@code hard-bounce}. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/** Provider text shown to editors: one line, bounded. */
	private static String readable(String detail) {
		if (detail == null) {
			return "";
		}
		String line = detail.replaceAll("\\p{Cntrl}+", " ").strip();
		return (line.length() > DETAIL_LENGTH) ? line.substring(0, DETAIL_LENGTH) : line;
	}

}
