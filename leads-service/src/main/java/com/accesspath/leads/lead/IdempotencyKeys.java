package com.accesspath.leads.lead;

import java.time.Clock;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} → the id of what the first request created. The key is claimed (a unique {@code _id})
 * before anything is created, so two concurrent replays cannot both create.
 */
@Component
public class IdempotencyKeys {

	static final String COLLECTION = "idempotencyKeys";

	private final MongoTemplate mongo;

	private final Clock clock;

	IdempotencyKeys(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	public Optional<String> find(String scope, String key) {
		Document found = this.mongo.findOne(Query.query(Criteria.where("_id").is(scope + ":" + key)), Document.class, COLLECTION);
		return Optional.ofNullable(found).map(document -> document.getString("resultId"));
	}

	/** True when this request owns the key; false when another request claimed it first. */
	public boolean claim(String scope, String key, String resultId) {
		try {
			this.mongo.insert(new Document("_id", scope + ":" + key).append("resultId", resultId)
				.append("createdAt", java.util.Date.from(this.clock.instant())), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

}
