package com.accesspath.devstack.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Every query a test JVM's services send to MongoDB, by shape (the fields it filters and
 * sorts on), and every index they create: what {@link IndexAudit} checks at the end of a
 * module's tests. Registered on the services' MongoDB clients by {@link RealDatabases}.
 */
public final class QueryLog implements CommandListener {

	public static final QueryLog INSTANCE = new QueryLog();

	/**
	 * One query shape: the fields it filters on (each must be usable by an index) and
	 * sorts on, with one command of that shape, for {@code explain}.
	 */
	public record Shape(String database, String collection, String command, Set<String> filter, List<String> sort,
			BsonDocument sample) {

		@Override
		public String toString() {
			return this.database + "." + this.collection + " " + this.command + " filter " + this.filter
					+ (this.sort.isEmpty() ? "" : " sort " + this.sort);
		}

	}

	/** One createIndexes command, to be replayed before the audit's explain. */
	public record IndexCreation(String database, String collection, List<List<String>> keys, BsonDocument command) {
	}

	private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

	private final Map<String, IndexCreation> indexes = new ConcurrentHashMap<>();

	private QueryLog() {
	}

	public List<Shape> shapes() {
		return new ArrayList<>(this.shapes.values());
	}

	public List<IndexCreation> indexes() {
		return new ArrayList<>(this.indexes.values());
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		BsonDocument command = event.getCommand();
		String name = event.getCommandName();
		String database = event.getDatabaseName();
		if (database.equals("admin") || database.equals("config") || database.equals("local")) {
			return;
		}
		switch (name) {
			case "find" -> record(database, name, command, command.getDocument("filter", new BsonDocument()),
					command.getDocument("sort", new BsonDocument()));
			case "count", "distinct" ->
				record(database, name, command, command.getDocument("query", new BsonDocument()), new BsonDocument());
			case "findAndModify" -> record(database, name, command, command.getDocument("query", new BsonDocument()),
					command.getDocument("sort", new BsonDocument()));
			case "aggregate" -> {
				BsonArray pipeline = command.getArray("pipeline", new BsonArray());
				BsonDocument match = (!pipeline.isEmpty() && pipeline.get(0).asDocument().containsKey("$match"))
						? pipeline.get(0).asDocument().getDocument("$match") : new BsonDocument();
				record(database, name, command, match, new BsonDocument());
			}
			case "update" -> command.getArray("updates", new BsonArray())
				.forEach((update) -> record(database, name, command, update.asDocument().getDocument("q"),
						new BsonDocument()));
			case "delete" -> command.getArray("deletes", new BsonArray())
				.forEach((delete) -> record(database, name, command, delete.asDocument().getDocument("q"),
						new BsonDocument()));
			case "createIndexes" -> {
				List<List<String>> keys = new ArrayList<>();
				command.getArray("indexes", new BsonArray())
					.forEach((index) -> keys.add(new ArrayList<>(index.asDocument().getDocument("key").keySet())));
				String collection = command.getString("createIndexes").getValue();
				this.indexes.put(database + "." + collection + keys,
						new IndexCreation(database, collection, keys, command.clone()));
			}
			default -> {
			}
		}
	}

	private void record(String database, String command, BsonDocument full, BsonDocument filter, BsonDocument sort) {
		if (sentByATest()) {
			return;
		}
		BsonValue target = full.get(full.getFirstKey());
		if (target == null || !target.isString() || target.asString().getValue().startsWith("system.")) {
			return;
		}
		String collection = target.asString().getValue();
		List<String> sortFields = new ArrayList<>(sort.keySet());
		for (Set<String> fields : filterShapes(filter)) {
			String key = database + "." + collection + "|" + command + "|" + fields + "|" + sortFields;
			this.shapes.computeIfAbsent(key,
					(k) -> new Shape(database, collection, command, fields, sortFields, full.clone()));
		}
	}

	/**
	 * Whether the platform's code nearest to the call is a test's (a test counting or
	 * looking at what a service stored): the audit is about the services' queries.
	 */
	private static boolean sentByATest() {
		return StackWalker.getInstance()
			.walk((frames) -> frames.map(StackWalker.StackFrame::getClassName)
				.filter((name) -> name.startsWith("com.accesspath.") && !name.startsWith("com.accesspath.devstack."))
				.findFirst()
				.map((name) -> {
					String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
					return outer.endsWith("Tests") || outer.endsWith("Test") || outer.endsWith("TestSupport")
							|| outer.endsWith("Fixtures");
				})
				.orElse(false));
	}

	/**
	 * The sets of fields that must each be served by an index: one for a plain filter,
	 * one per branch of an {@code $or}.
	 */
	static List<Set<String>> filterShapes(BsonDocument filter) {
		Set<String> plain = new LinkedHashSet<>();
		List<Set<String>> branches = new ArrayList<>();
		for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
			String key = entry.getKey();
			if (key.equals("$and")) {
				entry.getValue().asArray().forEach((part) -> plain.addAll(filterShapes(part.asDocument()).get(0)));
			}
			else if (key.equals("$or")) {
				entry.getValue().asArray().forEach((part) -> branches.addAll(filterShapes(part.asDocument())));
			}
			else if (!key.startsWith("$")) {
				plain.add(key);
			}
		}
		if (branches.isEmpty()) {
			return List.of(plain);
		}
		List<Set<String>> shapes = new ArrayList<>();
		for (Set<String> branch : branches) {
			Set<String> shape = new LinkedHashSet<>(plain);
			shape.addAll(branch);
			shapes.add(shape);
		}
		return shapes;
	}

}
