package com.accesspath.newsletter.outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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

import com.accesspath.newsletter.outbox.OutboxMail.Kind;
import com.accesspath.newsletter.outbox.OutboxMail.State;

/**
 * Every mail of the newsletter, in MongoDB until it is settled: written by the feature
 * that causes it, taken by the {@link OutboxWorker} of any replica.
 * <p>
 * MongoDB here has no transactions across documents, so a mail and its cause are written
 * one after the other in the order that cannot lose the mail: either the mail is keyed by
 * its cause (a digest: writing it again writes nothing), or it is {@linkplain #hold held}
 * before its cause is stored and {@linkplain #release released} after; a held mail whose
 * cause never got stored (a crash in between) is dropped by its composer, which checks
 * the cause before sending.
 */
@Repository
public class Outbox implements InitializingBean {

	static final String COLLECTION = "outbox";

	private static final SecureRandom random = new SecureRandom();

	private static final List<State> TAKEABLE = List.of(State.QUEUED, State.SENDING);

	private final MongoTemplate mongo;

	private final OutboxProperties properties;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition written = this.lock.newCondition();

	private long writes;

	Outbox(MongoTemplate mongo, OutboxProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		IndexOperations indexes = this.mongo.indexOps(COLLECTION);
		indexes.createIndex(new Index().on("key", Sort.Direction.ASC).unique().named("key_unique"));
		// The senders' one query: takeable mails by due time.
		indexes.createIndex(
				new Index().on("state", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC).named("state_due"));
		indexes.createIndex(new Index().on("settledAt", Sort.Direction.ASC)
			.expire(this.properties.keepSettled())
			.named("settled_expiry"));
		indexes.createIndex(
				new Index().on("runId", Sort.Direction.ASC).on("state", Sort.Direction.ASC).named("run_state"));
	}

	/**
	 * Writes a mail due now, unless a mail with this key exists: then nothing is written
	 * and false returned.
	 */
	public boolean enqueue(Kind kind, String key, String to, String subscriberId, String runId) {
		boolean written = insert(kind, key, to, subscriberId, runId, null, this.clock.instant());
		if (written) {
			wakeSenders();
		}
		return written;
	}

	/**
	 * Writes a mail that waits {@code hold} for its cause to be stored; {@link #release}
	 * then sends it at once, {@link #cancel} withdraws it. False when a mail with this
	 * key exists already (nothing is written).
	 */
	public boolean hold(Kind kind, String key, String to, String subscriberId, String token) {
		return insert(kind, key, to, subscriberId, null, token, this.clock.instant().plus(this.properties.hold()));
	}

	public void release(String key) {
		this.mongo.updateFirst(Query.query(Criteria.where("key").is(key).and("state").is(State.QUEUED)),
				new Update().set("dueAt", this.clock.instant()), OutboxMail.class);
		wakeSenders();
	}

	public void cancel(String key) {
		this.mongo.remove(Query.query(Criteria.where("key").is(key).and("state").is(State.QUEUED)), OutboxMail.class);
	}

	private boolean insert(Kind kind, String key, String to, String subscriberId, String runId, String token,
			Instant dueAt) {
		try {
			this.mongo.insert(new OutboxMail(newTag(), key, kind, to, subscriberId, runId, token, State.QUEUED,
					this.clock.instant(), dueAt, 0, null, null));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Takes the soonest due mail for one sender until its lease ends, in one atomic step:
	 * senders of all replicas each get a different one.
	 */
	Optional<OutboxMail> claimNext() {
		Instant now = this.clock.instant();
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(Criteria.where("state").in(TAKEABLE).and("dueAt").lte(now)).with(Sort.by("dueAt")),
				taken(now), FindAndModifyOptions.options().returnNew(true), OutboxMail.class));
	}

	/**
	 * Takes this due mail for one sender until its lease ends; empty when another sender
	 * took it first.
	 */
	Optional<OutboxMail> claim(String id) {
		Instant now = this.clock.instant();
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("state").in(TAKEABLE).and("dueAt").lte(now)), taken(now),
				FindAndModifyOptions.options().returnNew(true), OutboxMail.class));
	}

	private Update taken(Instant now) {
		return new Update().set("state", State.SENDING)
			.set("dueAt", now.plus(this.properties.lease()))
			.inc("attempts", 1);
	}

	/**
	 * Settles a mail its sender still holds (the same attempt); false when the lease ran
	 * out and another sender took it meanwhile.
	 */
	boolean settle(OutboxMail mail, State state, String error) {
		Update update = new Update().set("state", state).set("settledAt", this.clock.instant()).unset("token");
		if (error != null) {
			update.set("lastError", error);
		}
		return this.mongo.updateFirst(held(mail), update, OutboxMail.class).getModifiedCount() == 1;
	}

	/** Puts a mail back for a later attempt. */
	boolean retryLater(OutboxMail mail, Instant dueAt, String error) {
		return this.mongo.updateFirst(held(mail),
				new Update().set("state", State.QUEUED).set("dueAt", dueAt).set("lastError", error), OutboxMail.class)
			.getModifiedCount() == 1;
	}

	private static Query held(OutboxMail mail) {
		return Query.query(
				Criteria.where("_id").is(mail.id()).and("state").is(State.SENDING).and("attempts").is(mail.attempts()));
	}

	public Optional<OutboxMail> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, OutboxMail.class));
	}

	/** A digest run's mails not settled yet. */
	public long pending(String runId) {
		return this.mongo.count(Query.query(Criteria.where("runId").is(runId).and("state").in(TAKEABLE)),
				OutboxMail.class);
	}

	/** A digest run's settled mails by how they ended. */
	public Map<State, Long> settledCounts(String runId) {
		Map<State, Long> counts = new EnumMap<>(State.class);
		for (State state : State.values()) {
			if (state.settled()) {
				counts.put(state, this.mongo
					.count(Query.query(Criteria.where("runId").is(runId).and("state").is(state)), OutboxMail.class));
			}
		}
		return counts;
	}

	/** Mails not settled yet, whenever due. */
	public long pending() {
		return this.mongo.count(Query.query(Criteria.where("state").in(TAKEABLE)), OutboxMail.class);
	}

	/**
	 * Whether no mail is being sent and none is due (mails waiting for a retry aside).
	 */
	public boolean idle() {
		return this.mongo.count(Query.query(Criteria.where("state").is(State.SENDING)), OutboxMail.class) == 0
				&& this.mongo.count(
						Query.query(Criteria.where("state").is(State.QUEUED).and("dueAt").lte(this.clock.instant())),
						OutboxMail.class) == 0;
	}

	/** This replica's senders look at once rather than at their next poll. */
	void wakeSenders() {
		this.lock.lock();
		try {
			this.writes++;
			this.written.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Waits until this replica writes a mail, or the timeout passes. */
	void awaitWrite(long seenWrites, long timeoutMillis) throws InterruptedException {
		this.lock.lock();
		try {
			long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
			while (this.writes == seenWrites && left > 0) {
				left = this.written.awaitNanos(left);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	long writes() {
		this.lock.lock();
		try {
			return this.writes;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static String newTag() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
