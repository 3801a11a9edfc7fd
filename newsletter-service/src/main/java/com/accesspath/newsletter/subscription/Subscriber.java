package com.accesspath.newsletter.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email address and its subscription. Tokens are stored hashed; management links are
 * {@code manageLinks}. {@code digests} records, per digest period, that this subscriber
 * was claimed (and then sent) for it: the claim is what makes a digest go out at most
 * once, across restarts and replicas.
 */
@Document(SubscriberRepository.COLLECTION)
public record Subscriber(@Id String id, String email, SubscriptionStatus status, List<String> topics,
		Frequency frequency, String confirmTokenHash, Instant confirmExpiresAt, String manageTokenHash,
		List<Consent> consents, Instant createdAt, Instant confirmedAt, Instant unsubscribedAt,
		Instant lastConfirmationSentAt, Map<String, DigestState> digests, List<ManageLink> manageLinks,
		Instant alreadySubscribedMailedAt) {

	/**
	 * A management link as mailed (its token hashed): each mail adds one, and none
	 * replaces another, so nobody who merely knows an address can break the links its
	 * owner holds. {@code manageTokenHash} is the one link of subscribers from before.
	 * {@code runId} is the digest run whose mail carried it (so its unsubscribes are
	 * counted per digest), or null.
	 */
	public record ManageLink(String hash, Instant expiresAt, String runId) {
	}

	/** The management link with this hash, if the subscriber has it. */
	Optional<ManageLink> manageLink(String hash) {
		return (this.manageLinks == null) ? Optional.empty()
				: this.manageLinks.stream().filter(link -> link.hash().equals(hash)).findFirst();
	}

	/** Consent to the newsletter (PIPL): when, from where, with which privacy text. */
	public record Consent(Instant at, String ip, String userAgent, String textVersion) {
	}

}
