package com.accesspath.newsletter.mail;

import org.springframework.mail.MailException;

/**
 * A refusal for good (5xx) on its way out of the retry, which ignores it
 * ({@code resilience4j.retry.instances.smtp.ignore-exceptions}).
 */
class PermanentMailFailure extends RuntimeException {

	private final MailException refusal;

	PermanentMailFailure(MailException refusal) {
		super(refusal.getMessage(), refusal);
		this.refusal = refusal;
	}

	MailException refusal() {
		return this.refusal;
	}

}
