package com.accesspath.leads.download;

/** Where a download's mail is. */
enum MailState {

	/** Not sent yet; attempted again at {@code mail.nextAttemptAt}. */
	PENDING,

	/** Handed to the SMTP server. */
	SENT,

	/** Given up after the configured number of attempts. */
	FAILED,

	/**
	 * Not sent: the same address asked for the same file a moment ago, and that mail's
	 * link stands (nobody can have us mail someone over and over).
	 */
	NOT_SENT_AGAIN

}
