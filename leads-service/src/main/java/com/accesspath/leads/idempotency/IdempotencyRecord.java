package com.accesspath.leads.idempotency;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One {@code Idempotency-Key} of one endpoint ({@code id} is {@code scope:key}).
 * Everything about the key lives in this one document, so every step (claim, take-over,
 * completion) is a single-document atomic write.
 *
 * @param id {@code scope:key}
 * @param state CLAIMED while the first request runs, then DONE; missing in keys stored
 * before states existed (DONE)
 * @param bodyHash SHA-256 of the first request's body; a replay with another body is
 * refused
 * @param resultId the id of what the request creates, chosen at the claim (so a take-over
 * finishes the same result)
 * @param owner which claim holds the key: only its holder completes or releases it
 * @param leaseUntil until when a CLAIMED key is held; afterwards a replay may take it
 * over
 * @param expiresAt when the key is forgotten (a TTL index removes the document)
 */
@Document(IdempotentRequests.COLLECTION)
record IdempotencyRecord(@Id String id, IdempotencyState state, String bodyHash, String resultId, String owner,
		Instant leaseUntil, Instant expiresAt) {

	boolean done() {
		return this.state == null || this.state == IdempotencyState.DONE;
	}

	boolean expired(Instant now) {
		return this.expiresAt != null && !this.expiresAt.isAfter(now);
	}

	boolean leaseRunning(Instant now) {
		return this.leaseUntil != null && this.leaseUntil.isAfter(now);
	}

	boolean sameBody(String hash) {
		// Keys stored before hashes existed cannot be checked: they replay as before.
		return this.bodyHash == null || this.bodyHash.equals(hash);
	}

}
