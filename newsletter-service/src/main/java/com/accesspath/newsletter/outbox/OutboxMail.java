package com.accesspath.newsletter.outbox;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One mail to send, stored before or with what causes it, so neither a restart nor a
 * crash loses it.
 *
 * @param id a random tag (32 hex characters): the mail's Message-ID and its bounce
 * address are made from it, so a bounce names the mail, and nobody can forge one for an
 * address without having received that mail
 * @param key what the mail is for (e.g. {@code digest:<run>:<subscriber>}): unique, so
 * writing the same mail twice writes it once
 * @param token a confirmation link's token, kept until the mail is settled (the
 * subscriber's document holds only its hash)
 * @param dueAt when a sender may take it: now, after a retry's wait, or when the lease of
 * the sender that took it runs out
 * @param attempts sends begun
 */
@Document(Outbox.COLLECTION)
public record OutboxMail(@Id String id, String key, Kind kind, String to, String subscriberId, String runId,
		String token, State state, Instant createdAt, Instant dueAt, Integer attempts, Instant settledAt,
		String lastError) {

	public OutboxMail {
		attempts = (attempts != null) ? attempts : 0;
	}

	/**
	 * What the mail is; each kind is composed by its feature (a {@link MailComposer}).
	 */
	public enum Kind {

		CONFIRMATION, ALREADY_SUBSCRIBED, DIGEST

	}

	/** Stored as its name. */
	public enum State {

		/** Waiting for its due time. */
		QUEUED,

		/** Taken by a sender until {@code dueAt}. */
		SENDING,

		/** Handed to the SMTP server. */
		SENT,

		/** Given up after its attempts, or refused for good by the SMTP server. */
		FAILED,

		/** Not sent: the address is suppressed (it bounced or complained). */
		SUPPRESSED,

		/**
		 * Not sent: its cause no longer holds (a newer link replaced it, an unsubscribe).
		 */
		DROPPED;

		boolean settled() {
			return this != QUEUED && this != SENDING;
		}

	}

}
