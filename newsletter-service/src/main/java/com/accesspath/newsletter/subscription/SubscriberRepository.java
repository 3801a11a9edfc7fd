package com.accesspath.newsletter.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

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

@Repository
public class SubscriberRepository implements InitializingBean {

	static final String COLLECTION = "subscribers";

	/**
	 * A safety cap only (the document must stay far below MongoDB's 16 MB): links leave
	 * when they expire, and a year of daily digests plus a stranger's daily subscribes
	 * (one "already subscribed" mail a day at most) is about 730.
	 */
	static final int MANAGE_LINKS_KEPT = 1000;

	private final MongoTemplate mongo;

	SubscriberRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		IndexOperations indexes = this.mongo.indexOps(COLLECTION);
		indexes.createIndex(new Index().on("email", Sort.Direction.ASC).unique().named("email_unique"));
		indexes.createIndex(new Index().on("confirmTokenHash", Sort.Direction.ASC).named("confirm_token"));
		indexes.createIndex(new Index().on("manageTokenHash", Sort.Direction.ASC).named("manage_token"));
		indexes.createIndex(new Index().on("manageLinks.hash", Sort.Direction.ASC).named("manage_links"));
		// Digest candidates: equal status and frequency, then walked in id order from the
		// last batch's end, so each batch reads about its own size, not everything before
		// it
		// again (quadratic over a run of 100k subscribers).
		indexes.createIndex(new Index().on("status", Sort.Direction.ASC)
			.on("frequency", Sort.Direction.ASC)
			.on("_id", Sort.Direction.ASC)
			.named("status_frequency_id"));
		// Its predecessor, without _id, served the filter but left the sort to memory.
		if (indexes.getIndexInfo().stream().anyMatch(index -> index.getName().equals("status_frequency"))) {
			indexes.dropIndex("status_frequency");
		}
	}

	public Optional<Subscriber> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(new ObjectId(id), Subscriber.class));
	}

	/** Unsubscribes a subscriber who is not yet; empty when they were already. */
	Optional<Subscriber> unsubscribe(String id, Instant now) {
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(
						Criteria.where("_id").is(new ObjectId(id)).and("status").ne(SubscriptionStatus.UNSUBSCRIBED)),
				new Update().set("status", SubscriptionStatus.UNSUBSCRIBED)
					.set("unsubscribedAt", now)
					.unset("confirmTokenHash"),
				FindAndModifyOptions.options().returnNew(true), Subscriber.class));
	}

	Optional<Subscriber> findByEmail(String email) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where("email").is(email)), Subscriber.class));
	}

	/**
	 * Inserts, or returns false when the address exists already (a concurrent subscribe).
	 */
	boolean insert(Subscriber subscriber) {
		try {
			this.mongo.insert(subscriber);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	Optional<Subscriber> update(String id, Update update) {
		return Optional.ofNullable(this.mongo.findAndModify(Query.query(Criteria.where("_id").is(new ObjectId(id))),
				update, FindAndModifyOptions.options().returnNew(true), Subscriber.class));
	}

	Optional<Subscriber> findByConfirmToken(String tokenHash, Instant now) {
		return Optional.ofNullable(this.mongo.findOne(
				Query.query(Criteria.where("confirmTokenHash").is(tokenHash).and("confirmExpiresAt").gt(now)),
				Subscriber.class));
	}

	/** The subscriber one of whose management links (not expired) this is. */
	Optional<Subscriber> findByManageToken(String tokenHash, Instant now) {
		Criteria link = new Criteria().orOperator(Criteria.where("manageTokenHash").is(tokenHash),
				Criteria.where("manageLinks.hash").is(tokenHash));
		return Optional.ofNullable(this.mongo.findOne(Query.query(link), Subscriber.class))
			.filter(subscriber -> tokenHash.equals(subscriber.manageTokenHash())
					|| subscriber.manageLinks() != null && subscriber.manageLinks()
						.stream()
						.anyMatch(kept -> kept.hash().equals(tokenHash) && kept.expiresAt().isAfter(now)));
	}

	/**
	 * Adds a management link after dropping the expired ones: links leave by age, never
	 * by count, so however many mails (or strangers' subscribes) follow, a link works its
	 * whole validity.
	 */
	Optional<Subscriber> addManageLink(String id, Subscriber.ManageLink link, Instant now) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(id))),
				new Update().pull("manageLinks", Query.query(Criteria.where("expiresAt").lte(now)).getQueryObject()),
				Subscriber.class);
		return update(id, new Update().push("manageLinks").slice(-MANAGE_LINKS_KEPT).each(link));
	}

	/**
	 * Claims the one "already subscribed" mail of a period: true for one caller only, on
	 * any replica, when none was mailed since {@code since}.
	 */
	boolean claimAlreadySubscribedMail(String id, Instant now, Instant since) {
		Query query = Query.query(Criteria.where("_id")
			.is(new ObjectId(id))
			.orOperator(Criteria.where("alreadySubscribedMailedAt").exists(false),
					Criteria.where("alreadySubscribedMailedAt").is(null),
					Criteria.where("alreadySubscribedMailedAt").lte(since)));
		return this.mongo.updateFirst(query, new Update().set("alreadySubscribedMailedAt", now), Subscriber.class)
			.getModifiedCount() == 1;
	}

	public long countByStatus(SubscriptionStatus status) {
		return this.mongo.count(Query.query(Criteria.where("status").is(status)), Subscriber.class);
	}

	/**
	 * Confirmed subscribers of a frequency not yet claimed for {@code runKey}, in id
	 * order from {@code afterId}.
	 */
	public List<Subscriber> findDigestCandidates(Frequency frequency, String runKey, String afterId, int limit) {
		Criteria criteria = Criteria.where("status")
			.is(SubscriptionStatus.CONFIRMED)
			.and("frequency")
			.is(frequency)
			.and("digests." + runKey)
			.exists(false);
		if (afterId != null) {
			criteria.and("_id").gt(new ObjectId(afterId));
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), Subscriber.class);
	}

	/**
	 * Records that the subscriber's digest of a run is in the outbox, unless its sender
	 * recorded more already; true the first time.
	 */
	public boolean markDigestQueued(String id, String runKey) {
		Query query = Query.query(Criteria.where("_id").is(new ObjectId(id)).and("digests." + runKey).exists(false));
		return this.mongo
			.updateFirst(query, new Update().set("digests." + runKey, DigestState.QUEUED), Subscriber.class)
			.getModifiedCount() == 1;
	}

	public void markDigest(String id, String runKey, DigestState state) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(id))),
				new Update().set("digests." + runKey, state), Subscriber.class);
	}

}
