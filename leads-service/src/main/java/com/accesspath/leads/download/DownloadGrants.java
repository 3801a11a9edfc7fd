package com.accesspath.leads.download;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code downloads} collection: every change is one single-document atomic write (the
 * mail's claim a {@code findAndModify}, so any number of replicas deliver each mail once
 * at a time).
 */
@Repository
class DownloadGrants implements InitializingBean {

	static final String COLLECTION = "downloads";

	/** How long a download is kept after its links expired (its counts, for support). */
	static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

	private final MongoTemplate mongo;

	DownloadGrants(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		IndexOperations indexes = this.mongo.indexOps(COLLECTION);
		indexes.createIndex(new Index().on("tokenHashes", Sort.Direction.ASC).named("tokenHashes"));
		indexes.createIndex(new Index().on("recipient", Sort.Direction.ASC)
			.on("createdAt", Sort.Direction.DESC)
			.named("recipient_createdAt"));
		indexes.createIndex(new Index().on("mail.state", Sort.Direction.ASC)
			.on("mail.nextAttemptAt", Sort.Direction.ASC)
			.named("mail_due"));
		indexes.createIndex(
				new Index().on("expiresAt", Sort.Direction.ASC).expire(KEPT_AFTER_EXPIRY).named("expiresAt_ttl"));
	}

	/** Stores it unless a request with the same id did (a retried request). */
	void insertIfAbsent(DownloadGrant grant) {
		try {
			this.mongo.insert(grant);
		}
		catch (DuplicateKeyException ex) {
			// The same submission, stored by an earlier attempt of the request.
		}
	}

	/**
	 * Whether a mail of this file to this address ({@code recipient}, a hash of both) is
	 * on its way or went since {@code since}.
	 */
	boolean mailedSince(String recipient, Instant since) {
		return this.mongo.exists(Query.query(Criteria.where("recipient")
			.is(recipient)
			.and("createdAt")
			.gte(since)
			.and("mail.state")
			.in(MailState.PENDING, MailState.SENT)), DownloadGrant.class);
	}

	boolean exists(String id) {
		return this.mongo.exists(Query.query(Criteria.where("_id").is(id)), DownloadGrant.class);
	}

	Optional<DownloadGrant> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, DownloadGrant.class));
	}

	/** The ids of mails due now, at most {@code limit}. */
	List<String> findMailsDue(Instant now, int limit) {
		Query query = Query.query(Criteria.where("mail.state").is(MailState.PENDING).and("mail.nextAttemptAt").lte(now))
			.limit(limit);
		query.fields().include("_id");
		return this.mongo.find(query, Document.class, COLLECTION)
			.stream()
			.map(due -> due.get("_id").toString())
			.toList();
	}

	/**
	 * Takes the mail for one attempt: only while it is due, and until {@code leaseUntil}
	 * (a replica that stops mid-attempt leaves it due again then).
	 */
	Optional<DownloadGrant> claimMail(String id, Instant now, Instant leaseUntil) {
		Query query = Query.query(Criteria.where("_id")
			.is(id)
			.and("mail.state")
			.is(MailState.PENDING)
			.and("mail.nextAttemptAt")
			.lte(now));
		return Optional.ofNullable(this.mongo.findAndModify(query, new Update().set("mail.nextAttemptAt", leaseUntil),
				FindAndModifyOptions.options().returnNew(true), DownloadGrant.class));
	}

	/** A token about to be mailed: it works from now until {@code expiresAt}. */
	void addToken(String id, String tokenHash, Instant expiresAt) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().push("tokenHashes", tokenHash).set("expiresAt", expiresAt), DownloadGrant.class);
	}

	void mailSent(String id, int attempts, Instant now) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("mail.state", MailState.SENT)
					.set("mail.attempts", attempts)
					.set("mail.sentAt", now)
					.unset("mail.lastError")
					.unset("email")
					.unset("name"),
				DownloadGrant.class);
	}

	void mailFailed(String id, int attempts, boolean givenUp, Instant nextAttemptAt, String error) {
		Update update = new Update().set("mail.state", givenUp ? MailState.FAILED : MailState.PENDING)
			.set("mail.attempts", attempts)
			.set("mail.nextAttemptAt", nextAttemptAt)
			.set("mail.lastError", error);
		if (givenUp) {
			update.unset("email").unset("name");
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, DownloadGrant.class);
	}

	/**
	 * Counts a followed link: the download as it was before (so the caller sees whether
	 * it is the first), or empty for a token that is unknown or expired.
	 */
	Optional<DownloadGrant> recordDownload(String tokenHash, Instant now) {
		Query query = Query.query(Criteria.where("tokenHashes").is(tokenHash).and("expiresAt").gt(now));
		return Optional.ofNullable(this.mongo.findAndModify(query,
				new Update().inc("downloads", 1).set("lastDownloadedAt", now), DownloadGrant.class));
	}

	long countMails(MailState state) {
		return this.mongo.count(Query.query(Criteria.where("mail.state").is(state)), DownloadGrant.class);
	}

}
