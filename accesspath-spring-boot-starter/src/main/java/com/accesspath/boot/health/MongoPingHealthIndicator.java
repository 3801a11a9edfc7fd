package com.accesspath.boot.health;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * MongoDB health by {@code ping}: Boot's own indicator sends {@code hello}, which MongoDB
 * answers but the MongoDB-protocol devstack does not; {@code ping} works on both.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

	private final MongoClient client;

	public MongoPingHealthIndicator(MongoClient client) {
		super("MongoDB ping failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document result = this.client.getDatabase("admin").runCommand(new Document("ping", 1));
		builder.up().withDetail("ok", result.get("ok"));
	}

}
