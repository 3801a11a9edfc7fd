package com.accesspath.newsletter.subscription;

/**
 * Where a subscriber's digest of one period stands; stored as its name in
 * {@code Subscriber.digests}.
 */
public enum DigestState {

	/**
	 * Taken by a runner before the outbox (stored by earlier versions; never sent again).
	 */
	CLAIMED,

	/** The digest is in the outbox: nobody queues it again. */
	QUEUED,

	/** The digest was handed to the SMTP server. */
	SENT,

	/** The digest could not be sent; it is not tried again in this period. */
	FAILED,

	/** Not sent: the address is suppressed, or was unsubscribed before its turn. */
	SKIPPED

}
