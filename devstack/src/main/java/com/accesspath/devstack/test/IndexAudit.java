package com.accesspath.devstack.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;

import com.accesspath.devstack.test.QueryLog.IndexCreation;
import com.accesspath.devstack.test.QueryLog.Shape;

/**
 * Issue #21: an index for every query. Checks every query shape the module's tests sent
 * ({@link QueryLog}) against the indexes the services created: with {@code explain} where
 * the server has it (MongoDB in a container: no winning plan may scan the collection),
 * and where it has not (mongo-java-server, which plans nothing) by the rule the planner
 * follows, that an index can serve a query when its first key is one of the fields the
 * query filters on or the field it sorts on first ({@code _id} always has one).
 * <p>
 * Allowed without an index: a query by {@code _id}, and one with no filter and no sort (a
 * whole collection read on purpose, e.g. an export or a count of everything).
 */
public final class IndexAudit {

	private IndexAudit() {
	}

	/**
	 * Fails, naming them, when queries were sent that no index serves, or when no query
	 * was logged (the audit runs after the module's other tests).
	 */
	public static void assertEveryQueryIndexed() {
		if (QueryLog.INSTANCE.shapes().isEmpty()) {
			throw new AssertionError("No query was logged: the audit runs after the module's other tests");
		}
		List<String> unindexed = unindexed();
		if (!unindexed.isEmpty()) {
			throw new AssertionError("Queries without an index:\n  " + String.join("\n  ", unindexed));
		}
	}

	/** The query shapes no index serves, described. */
	public static List<String> unindexed() {
		QueryLog log = QueryLog.INSTANCE;
		try (MongoClient client = MongoClients.create(TestDatabases.get().mongoUri(""))) {
			// Tests drop collections as they go: the indexes are made again as the
			// services made them.
			for (IndexCreation creation : log.indexes()) {
				try {
					client.getDatabase(creation.database()).runCommand(commandOnly(creation.command()));
				}
				catch (MongoException ex) {
					// e.g. a unique index over what a test left duplicated: checked by
					// the rule below.
				}
			}
			boolean explains = explains(client);
			Map<String, List<List<String>>> indexes = new HashMap<>();
			log.indexes()
				.forEach((creation) -> indexes
					.computeIfAbsent(creation.database() + "." + creation.collection(), (k) -> new ArrayList<>())
					.addAll(creation.keys()));
			List<String> unindexed = new ArrayList<>();
			for (Shape shape : log.shapes()) {
				if (shape.filter().contains("_id") || shape.filter().isEmpty() && shape.sort().isEmpty()) {
					continue;
				}
				boolean served = explains ? !scansCollection(client, shape) : servedByRule(shape,
						indexes.getOrDefault(shape.database() + "." + shape.collection(), List.of()));
				if (!served) {
					unindexed.add(shape.toString());
				}
			}
			unindexed.sort(null);
			return unindexed;
		}
	}

	static boolean servedByRule(Shape shape, List<List<String>> indexes) {
		List<String> firstKeys = new ArrayList<>();
		firstKeys.add("_id");
		indexes.forEach((keys) -> firstKeys.add(keys.get(0)));
		for (String first : firstKeys) {
			// Filtered on: the index narrows the scan. Sorted on: the planner walks the
			// index in order instead of scanning the collection and sorting.
			if (shape.filter().contains(first) || !shape.sort().isEmpty() && shape.sort().get(0).equals(first)) {
				return true;
			}
		}
		return false;
	}

	private static boolean explains(MongoClient client) {
		try {
			client.getDatabase("admin")
				.runCommand(new Document("explain", new Document("find", "audit").append("filter", new Document())));
			return true;
		}
		catch (MongoCommandException ex) {
			return false;
		}
	}

	/**
	 * The command without what the driver added to send it (session, database, concerns).
	 */
	private static BsonDocument commandOnly(BsonDocument sent) {
		BsonDocument command = new BsonDocument();
		sent.forEach(command::put);
		for (String added : new String[] { "$db", "lsid", "$clusterTime", "txnNumber", "$readPreference", "readConcern",
				"writeConcern", "maxTimeMS" }) {
			command.remove(added);
		}
		return command;
	}

	private static boolean scansCollection(MongoClient client, Shape shape) {
		BsonDocument command = commandOnly(shape.sample());
		Document plan = client.getDatabase(shape.database())
			.runCommand(
					new Document("explain", command).append("verbosity", new BsonString("queryPlanner").getValue()));
		return plan.toJson().contains("\"COLLSCAN\"");
	}

}
