package com.accesspath.newsletter.subscription;

/**
 * Where a subscriber's digest of one period stands; stored as its name in
 * {@code Subscriber.digests}.
 */
public enum DigestState {

	/**
	 * A runner took the subscriber for the period: nobody else sends them this digest.
	 */
	CLAIMED,

	/** The digest was handed to the SMTP server. */
	SENT,

	/** The digest could not be sent; it is not tried again in this period. */
	FAILED

}
