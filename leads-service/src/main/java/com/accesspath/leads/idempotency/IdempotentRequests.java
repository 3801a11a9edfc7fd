package com.accesspath.leads.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

import org.bson.types.ObjectId;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.leads.config.LeadsProperties;

/**
 * Runs a request at most once per {@code Idempotency-Key} (API.md): the first request
 * claims the key (CLAIMED, with the hash of its body and the id its result will have),
 * creates the result, and marks the key DONE. A replay with the same body gets the first
 * result; with another body a 422 that discloses nothing; while the first still runs a
 * 409 with {@code Retry-After} (no waiting on the request thread). A claim whose request
 * crashed is taken over after its lease, with the same result id, so the result is
 * finished rather than created twice. Keys are forgotten after their retention (a TTL
 * index on {@code expiresAt}). Single-document atomic writes only: no transactions.
 */
@Component
public class IdempotentRequests implements InitializingBean {

	static final String COLLECTION = "idempotencyKeys";

	/**
	 * What a request produced, and whether it is a replay of an earlier one.
	 *
	 * @param <T> the result's type
	 * @param result the result (the first request's, for a replay)
	 * @param replayed whether an earlier request with the key created it
	 */
	public record Outcome<T>(T result, boolean replayed) {
	}

	/**
	 * A key this request holds; {@code resumed} when it was taken over from a request
	 * that did not finish.
	 */
	private record Claim(IdempotencyRecord record, boolean resumed) {
	}

	private final MongoTemplate mongo;

	private final LeadsProperties.Idempotency settings;

	private final Clock clock;

	private final JsonMapper canonicalJson;

	IdempotentRequests(MongoTemplate mongo, LeadsProperties properties, Clock clock, JsonMapper json) {
		this.mongo = mongo;
		this.settings = properties.idempotency();
		this.clock = clock;
		// The same body hashes the same whatever order its maps' keys came in.
		this.canonicalJson = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
	}

	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO).named("expiresAt_ttl"));
	}

	/**
	 * Runs {@code create} once for {@code scope} and {@code key}.
	 * @param <T> the result's type
	 * @param scope the endpoint (keys of different endpoints never meet)
	 * @param key the client's {@code Idempotency-Key}
	 * @param body the request's body, compared with the first request's by hash
	 * @param create creates the result with the given id
	 * @param find reads an earlier result by its id; empty when it was never created
	 * @return the new result, or the first request's
	 * @throws IdempotencyKeyInUseException while the first request with the key is still
	 * running
	 * @throws IdempotencyKeyReusedException when the key came first with another body
	 */
	public <T> Outcome<T> run(String scope, String key, Object body, Function<String, T> create,
			Function<String, Optional<T>> find) {
		String id = scope + ":" + key;
		String hash = hash(body);
		IdempotencyRecord fresh = newClaim(id, hash, this.clock.instant());
		IdempotencyRecord existing = insertOrFind(fresh).orElse(null);
		if (existing == null) {
			return create(fresh, create);
		}
		Claim claim = claimExisting(existing, hash);
		if (claim == null) {
			return new Outcome<>(find.apply(existing.resultId()).orElseThrow(IdempotentRequests::noResult), true);
		}
		if (claim.resumed()) {
			Optional<T> earlier = find.apply(claim.record().resultId());
			if (earlier.isPresent()) {
				complete(claim.record());
				return new Outcome<>(earlier.get(), true);
			}
		}
		return create(claim.record(), create);
	}

	private <T> Outcome<T> create(IdempotencyRecord claimed, Function<String, T> create) {
		T result;
		try {
			result = create.apply(claimed.resultId());
		}
		catch (RuntimeException ex) {
			release(claimed);
			throw ex;
		}
		complete(claimed);
		return new Outcome<>(result, false);
	}

	/**
	 * Inserts a new claim (empty: this request holds the key); the key's record when it
	 * already exists.
	 */
	private Optional<IdempotencyRecord> insertOrFind(IdempotencyRecord claim) {
		try {
			this.mongo.insert(claim);
			return Optional.empty();
		}
		catch (DuplicateKeyException ex) {
			IdempotencyRecord existing = this.mongo.findById(claim.id(), IdempotencyRecord.class);
			if (existing == null) {
				// Removed by the TTL monitor just now: the client may simply send it
				// again.
				throw new IdempotencyKeyInUseException(this.settings.retryAfter());
			}
			return Optional.of(existing);
		}
	}

	/**
	 * This request's claim on an existing key, or null when the key is DONE (a replay).
	 */
	private Claim claimExisting(IdempotencyRecord existing, String hash) {
		Instant now = this.clock.instant();
		if (existing.expired(now)) {
			// Forgotten, though the TTL monitor has not removed it yet: a new request
			// (unless another took it first).
			return new Claim(takeOver(existing, newClaim(existing.id(), hash, now)), false);
		}
		if (!existing.sameBody(hash)) {
			throw new IdempotencyKeyReusedException();
		}
		if (existing.done()) {
			return null;
		}
		if (existing.leaseRunning(now)) {
			throw new IdempotencyKeyInUseException(this.settings.retryAfter());
		}
		// The claim's request stopped before finishing (a crash, a failed write):
		// continue it with its result id.
		IdempotencyRecord resumed = new IdempotencyRecord(existing.id(), IdempotencyState.CLAIMED, existing.bodyHash(),
				existing.resultId(), newOwner(), now.plus(this.settings.lease()), existing.expiresAt());
		return new Claim(takeOver(existing, resumed), true);
	}

	/**
	 * Replaces {@code existing} with {@code next} if nobody changed it meanwhile; else
	 * the key is busy.
	 */
	private IdempotencyRecord takeOver(IdempotencyRecord existing, IdempotencyRecord next) {
		Criteria unchanged = Criteria.where("_id").is(existing.id());
		unchanged = (existing.owner() != null) ? unchanged.and("owner").is(existing.owner())
				: unchanged.and("expiresAt").is(existing.expiresAt());
		IdempotencyRecord taken = this.mongo.findAndReplace(Query.query(unchanged), next);
		if (taken == null) {
			throw new IdempotencyKeyInUseException(this.settings.retryAfter());
		}
		return next;
	}

	private void complete(IdempotencyRecord claimed) {
		this.mongo.updateFirst(ownedBy(claimed), new Update().set("state", IdempotencyState.DONE),
				IdempotencyRecord.class);
	}

	/**
	 * Ends the lease at once, so that the client's retry continues the same result
	 * instead of waiting for a 409.
	 */
	private void release(IdempotencyRecord claimed) {
		try {
			this.mongo.updateFirst(ownedBy(claimed), new Update().set("leaseUntil", this.clock.instant()),
					IdempotencyRecord.class);
		}
		catch (RuntimeException ex) {
			// The lease then ends on its own; the original failure is what the client
			// hears about.
		}
	}

	private static Query ownedBy(IdempotencyRecord claimed) {
		return Query.query(Criteria.where("_id").is(claimed.id()).and("owner").is(claimed.owner()));
	}

	private IdempotencyRecord newClaim(String id, String hash, Instant now) {
		return new IdempotencyRecord(id, IdempotencyState.CLAIMED, hash, new ObjectId().toHexString(), newOwner(),
				now.plus(this.settings.lease()), now.plus(this.settings.retention()));
	}

	private static String newOwner() {
		return new ObjectId().toHexString();
	}

	private String hash(Object body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.canonicalJson.writeValueAsBytes(body));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ResponseStatusException noResult() {
		return new ResponseStatusException(HttpStatus.CONFLICT,
				"The first request with this Idempotency-Key left no result to replay; use a new key.");
	}

}
