package com.accesspath.leads.lead;

/** Where a lead's WeCom message is (stored by name, as before). */
public enum NotificationState {

	/** Not delivered yet; attempted again at {@code nextAttemptAt}. */
	PENDING,

	/** Delivered. */
	SENT,

	/** Given up after the configured number of attempts. */
	FAILED

}
