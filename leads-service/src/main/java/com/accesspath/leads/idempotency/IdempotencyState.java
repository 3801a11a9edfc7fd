package com.accesspath.leads.idempotency;

/** Where the request that first sent an {@code Idempotency-Key} is. */
public enum IdempotencyState {

	/** A request holds the key (for a lease) and is creating the result. */
	CLAIMED,

	/** The result exists; replays get it. */
	DONE

}
