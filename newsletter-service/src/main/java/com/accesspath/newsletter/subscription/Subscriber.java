package com.accesspath.newsletter.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email address and its subscription. Tokens are stored hashed. {@code digests}
 * records, per digest period, that this subscriber was claimed (and then sent) for it:
 * the claim is what makes a digest go out at most once, across restarts and replicas.
 */
@Document(SubscriberRepository.COLLECTION)
public record Subscriber(@Id String id, String email, SubscriptionStatus status, List<String> topics,
		Frequency frequency, String confirmTokenHash, Instant confirmExpiresAt, String manageTokenHash,
		List<Consent> consents, Instant createdAt, Instant confirmedAt, Instant unsubscribedAt,
		Instant lastConfirmationSentAt, Map<String, DigestState> digests) {

	/** Consent to the newsletter (PIPL): when, from where, with which privacy text. */
	public record Consent(Instant at, String ip, String userAgent, String textVersion) {
	}

}
