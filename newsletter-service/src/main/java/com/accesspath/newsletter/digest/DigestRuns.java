package com.accesspath.newsletter.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.accesspath.newsletter.subscription.Frequency;

/**
 * The digest runs: one document per period, its counters changed only with {@code $inc}
 * so every replica's senders can add to them at once.
 */
@Repository
class DigestRuns implements InitializingBean {

	static final String COLLECTION = "digestRuns";

	private static final Logger log = LoggerFactory.getLogger(DigestRuns.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	DigestRuns(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		// Runs to resume: running, by when their queuing lease ends.
		this.mongo.indexOps(COLLECTION).createIndex(new Index().on("startedAt", Sort.Direction.DESC).named("started"));
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("status", Sort.Direction.ASC)
				.on("queueLeaseUntil", Sort.Direction.ASC)
				.named("status_lease"));
	}

	void ensure(String id, Frequency frequency) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(id)),
				new Update().setOnInsert("frequency", frequency)
					.setOnInsert("status", DigestRun.Status.RUNNING)
					.setOnInsert("startedAt", this.clock.instant()),
				DigestRun.class);
	}

	/** The newest runs, by start. */
	List<DigestRun> recent(int limit) {
		return this.mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "startedAt")).limit(limit),
				DigestRun.class);
	}

	Optional<DigestRun> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, DigestRun.class));
	}

	/**
	 * Takes the queuing of a run for {@code lease} (or renews it): one replica queues a
	 * run at a time; another takes over once the lease ran out. Empty when another holds
	 * it, or the run is queued completely.
	 */
	Optional<DigestRun> takeQueuing(String id, Instant leaseUntil, Instant held) {
		Criteria free = new Criteria().orOperator(Criteria.where("queueLeaseUntil").exists(false),
				Criteria.where("queueLeaseUntil").is(null), Criteria.where("queueLeaseUntil").lte(this.clock.instant()),
				Criteria.where("queueLeaseUntil").is(held));
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("queuedAt").is(null)).addCriteria(free),
				new Update().set("queueLeaseUntil", leaseUntil), FindAndModifyOptions.options().returnNew(true),
				DigestRun.class));
	}

	/** Runs whose queuing stopped before the end (a crash, a deploy), lease run out. */
	List<DigestRun> abandoned() {
		Criteria free = new Criteria().orOperator(Criteria.where("queueLeaseUntil").exists(false),
				Criteria.where("queueLeaseUntil").is(null),
				Criteria.where("queueLeaseUntil").lte(this.clock.instant()));
		return this.mongo
			.find(Query.query(Criteria.where("status").is(DigestRun.Status.RUNNING).and("queuedAt").is(null))
				.addCriteria(free), DigestRun.class);
	}

	/** Runs whose subscribers are all queued, not done yet. */
	List<DigestRun> queuedButRunning() {
		return this.mongo.find(
				Query.query(Criteria.where("status").is(DigestRun.Status.RUNNING).and("queuedAt").ne(null)),
				DigestRun.class);
	}

	/**
	 * Ends a run whose mails are all settled, with its counters counted from the outbox
	 * (an increment is missed when a replica dies between a write and its count).
	 */
	void finish(String id, long queued, long sent, long failed, long skipped) {
		DigestRun done = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("status").is(DigestRun.Status.RUNNING)),
				new Update().set("queued", queued)
					.set("sent", sent)
					.set("failed", failed)
					.set("skipped", skipped)
					.set("status", DigestRun.Status.DONE)
					.set("finishedAt", this.clock.instant()),
				DigestRun.class);
		if (done != null) {
			log.info("Digest {} done: {} mails, {} sent, {} failed, {} skipped", id, queued, sent, failed, skipped);
		}
	}

	/** Every subscriber is queued: done once their mails are settled. */
	Optional<DigestRun> queuedAll(String id) {
		return Optional.ofNullable(this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				new Update().set("queuedAt", this.clock.instant()).unset("queueLeaseUntil"),
				FindAndModifyOptions.options().returnNew(true), DigestRun.class));
	}

	/** Adds one to a counter of a running run; the run as it is then. */
	Optional<DigestRun> count(String id, String counter) {
		// A done run's counters were counted from its mails: a late increment would count
		// one twice.
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("status").is(DigestRun.Status.RUNNING)),
				new Update().inc(counter, 1L), FindAndModifyOptions.options().returnNew(true), DigestRun.class));
	}

	/** Readers who unsubscribed with the run's link (counted after it is done too). */
	void countUnsubscribe(String id) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().inc("unsubscribed", 1L),
				DigestRun.class);
	}

}
