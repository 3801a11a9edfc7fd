package com.accesspath.newsletter.outbox;

/** Whether an address must not be mailed (bounces and complaints suppress it). */
public interface SendGuard {

	boolean isSuppressed(String email);

}
