package com.accesspath.newsletter.digest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.accesspath.newsletter.subscription.Frequency;

/**
 * One digest period, e.g. {@code daily-2026-11-27}: its subscribers are queued into the
 * outbox by one replica at a time (holding {@code queueLeaseUntil}), and every replica's
 * senders add up what became of their mails.
 *
 * @param queued mails written to the outbox
 * @param sent mails handed to the SMTP server
 * @param failed mails given up
 * @param skipped mails not sent: the address was suppressed, or unsubscribed before its
 * turn
 * @param unsubscribed readers who unsubscribed with this digest's link
 * @param queuedAt when every subscriber of the period was queued (the run is done once
 * all of those are settled)
 */
@Document(DigestRuns.COLLECTION)
public record DigestRun(@Id String id, Frequency frequency, Status status, Long queued, Long sent, Long failed,
		Long skipped, Long unsubscribed, Instant startedAt, Instant queuedAt, Instant finishedAt,
		Instant queueLeaseUntil) {

	public DigestRun {
		// Runs stored before the outbox counted only what was sent and failed.
		queued = orZero(queued);
		sent = orZero(sent);
		failed = orZero(failed);
		skipped = orZero(skipped);
		unsubscribed = orZero(unsubscribed);
	}

	private static Long orZero(Long count) {
		return (count != null) ? count : 0L;
	}

	boolean allSettled() {
		return this.queuedAt != null && this.sent + this.failed + this.skipped >= this.queued;
	}

	/** Stored as its name. */
	public enum Status {

		/** Subscribers are being queued, or their mails sent. */
		RUNNING,

		/** Every subscriber was queued and every mail settled. */
		DONE

	}

}
