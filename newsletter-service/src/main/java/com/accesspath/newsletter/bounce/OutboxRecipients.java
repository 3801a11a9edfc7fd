package com.accesspath.newsletter.bounce;

import java.util.Optional;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Who a mail went to, by its tag: the outbox keeps every mail's document ({@code _id} the
 * tag, {@code to} the recipient) 30 days after sending, so late bounces still find it. A
 * tag the outbox does not know was not made here: its bounce is not trusted.
 */
@Component
class OutboxRecipients {

	static final String COLLECTION = "outbox";

	private final MongoTemplate mongo;

	OutboxRecipients(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Optional<String> recipientOf(String tag) {
		Document mail = this.mongo.findById(tag, Document.class, COLLECTION);
		if (mail == null || !(mail.get("to") instanceof String to) || to.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(to);
	}

}
