package com.accesspath.newsletter.bounce;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

import com.accesspath.newsletter.NewsletterIntegrationTestSupport;

/**
 * The shared context, with the bounce collections emptied before each test: the
 * suppressions, and the outbox documents the tests insert as the outbox stores them.
 */
abstract class BounceIntegrationTestSupport extends NewsletterIntegrationTestSupport {

	@Autowired
	Suppressions suppressions;

	@BeforeEach
	void emptyBounceCollections() {
		this.mongo.dropCollection(Suppressions.COLLECTION);
		this.mongo.dropCollection(OutboxRecipients.COLLECTION);
	}

}
