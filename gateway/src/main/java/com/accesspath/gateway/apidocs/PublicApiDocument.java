package com.accesspath.gateway.apidocs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The services' API documents merged into the one document clients generate their code
 * from: the public paths (everything under {@code /api/}, as the gateway routes them),
 * the components those paths use, the tags, and the gateway as the only server.
 * <p>
 * Two services may name different schemas alike (both have a {@code Category}): the later
 * one is renamed after its service ({@code RankingCategory}) together with every
 * {@code $ref} to it, so nothing is silently replaced. Two services claiming the same
 * operation is a mistake in their documents, and refused. The gateway's own answers are
 * added here: 429 where it limits the rate.
 */
final class PublicApiDocument {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String PUBLIC_PREFIX = "/api/";

	private static final String TOO_MANY_REQUESTS = "TooManyRequests";

	private static final String[] METHODS = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

	/** One service's document, and the name it is known by ({@code article-service}). */
	record ServiceDocument(String service, JsonNode document) {
	}

	/**
	 * @param title the document's title
	 * @param version the API's version
	 * @param description what every client should know first
	 * @param serverUrl where clients reach the API: the gateway's public address
	 */
	record Header(String title, String version, String description, String serverUrl) {
	}

	private PublicApiDocument() {
	}

	static ObjectNode merge(Header header, List<ServiceDocument> documents) {
		return merge(header, documents, (method, path) -> false);
	}

	/**
	 * @param rateLimited whether the gateway limits the rate of an operation (method in
	 * upper case, path as documented): those may answer 429
	 */
	static ObjectNode merge(Header header, List<ServiceDocument> documents, BiPredicate<String, String> rateLimited) {
		ObjectNode merged = NODES.objectNode();
		merged.put("openapi", "3.1.0");
		ObjectNode info = merged.putObject("info");
		info.put("title", header.title());
		info.put("version", header.version());
		info.put("description", header.description());
		info.putObject("license").put("name", "Proprietary").put("url", "https://accesspath.cn/terms");
		merged.putArray("servers").addObject().put("url", header.serverUrl()).put("description", "网关（所有客户端只经过它）");
		Map<String, ObjectNode> tags = new LinkedHashMap<>();
		Map<String, ObjectNode> paths = new TreeMap<>();
		ObjectNode components = NODES.objectNode();
		Set<String> operationIds = new HashSet<>();
		for (ServiceDocument document : documents) {
			ObjectNode own = renamedApart(document, components);
			own.path("tags").forEach((tag) -> tags.putIfAbsent(tag.path("name").asString(), (ObjectNode) tag));
			own.path("paths").properties().forEach((path) -> {
				if (path.getKey().startsWith(PUBLIC_PREFIX)) {
					addOperations(document.service(), path.getKey(), (ObjectNode) path.getValue(), paths, operationIds);
				}
			});
			own.path("components").properties().forEach((section) -> {
				ObjectNode target = (components.get(section.getKey()) instanceof ObjectNode existing) ? existing
						: components.putObject(section.getKey());
				section.getValue().properties().forEach((entry) -> {
					if (!target.has(entry.getKey())) {
						target.set(entry.getKey(), entry.getValue());
					}
				});
			});
		}
		ArrayNode tagList = merged.putArray("tags");
		tags.values().forEach(tagList::add);
		ObjectNode pathNode = merged.putObject("paths");
		paths.forEach(pathNode::set);
		addTooManyRequests(pathNode, components, rateLimited);
		merged.set("components", used(components, pathNode));
		return merged;
	}

	/**
	 * A copy of the service's document in which every component that the merged document
	 * already holds under its name with other content is renamed after the service.
	 */
	private static ObjectNode renamedApart(ServiceDocument document, ObjectNode merged) {
		ObjectNode own = (ObjectNode) document.document().deepCopy();
		String prefix = prefixOf(document.service());
		// A rename changes the schemas that refer to the renamed one, which may then
		// differ from the merged document's too: repeat until nothing more differs.
		for (int round = 0; round < 10; round++) {
			Map<String, String> renames = new HashMap<>();
			own.path("components")
				.properties()
				.forEach((section) -> section.getValue().properties().forEach((entry) -> {
					JsonNode existing = merged.path(section.getKey()).get(entry.getKey());
					if (existing != null && !existing.equals(entry.getValue())) {
						renames.put(ref(section.getKey(), entry.getKey()), prefix + entry.getKey());
					}
				}));
			if (renames.isEmpty()) {
				return own;
			}
			own.path("components").properties().forEach((section) -> {
				ObjectNode entries = (ObjectNode) section.getValue();
				Map<String, JsonNode> renamed = new LinkedHashMap<>();
				entries.properties().forEach((entry) -> {
					String to = renames.get(ref(section.getKey(), entry.getKey()));
					renamed.put((to != null) ? to : entry.getKey(), entry.getValue());
				});
				entries.removeAll();
				renamed.forEach(entries::set);
			});
			Map<String, String> refs = new HashMap<>();
			renames.forEach((from, to) -> refs.put(from, from.substring(0, from.lastIndexOf('/') + 1) + to));
			rewriteRefs(own, refs);
		}
		throw new IllegalStateException("The components of " + document.service() + " cannot be renamed apart");
	}

	private static void addOperations(String service, String path, ObjectNode item, Map<String, ObjectNode> paths,
			Set<String> operationIds) {
		ObjectNode target = paths.computeIfAbsent(path, (key) -> NODES.objectNode());
		item.properties().forEach((entry) -> {
			if (target.has(entry.getKey()) && isMethod(entry.getKey())) {
				throw new IllegalStateException(entry.getKey().toUpperCase() + " " + path + " is claimed by " + service
						+ " and another service");
			}
			if (isMethod(entry.getKey()) && entry.getValue() instanceof ObjectNode operation) {
				String id = operation.path("operationId").asString("");
				if (!id.isEmpty() && !operationIds.add(id)) {
					id = prefixOf(service).toLowerCase() + Character.toUpperCase(id.charAt(0)) + id.substring(1);
					operation.put("operationId", id);
					operationIds.add(id);
				}
			}
			target.set(entry.getKey(), entry.getValue());
		});
	}

	private static void addTooManyRequests(ObjectNode paths, ObjectNode components,
			BiPredicate<String, String> rateLimited) {
		paths.properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			if (isMethod(operation.getKey()) && rateLimited.test(operation.getKey().toUpperCase(), path.getKey())
					&& operation.getValue().get("responses") instanceof ObjectNode responses) {
				responses.putObject("429").put("$ref", "#/components/responses/" + TOO_MANY_REQUESTS);
			}
		}));
		ObjectNode responses = (components.get("responses") instanceof ObjectNode existing) ? existing
				: components.putObject("responses");
		ObjectNode tooMany = responses.putObject(TOO_MANY_REQUESTS);
		tooMany.put("description", "超过频率限制（网关按客户端计）：请在 Retry-After 秒后重试");
		tooMany.putObject("headers")
			.putObject("Retry-After")
			.put("description", "几秒后可以重试")
			.putObject("schema")
			.put("type", "integer")
			.put("example", 12);
		ObjectNode problem = tooMany.putObject("content").putObject("application/problem+json");
		problem.putObject("schema").put("$ref", "#/components/schemas/Problem");
		problem.putObject("example")
			.put("type", "https://accesspath.cn/problems/429")
			.put("title", "Too Many Requests")
			.put("status", 429)
			.put("detail", "请求过于频繁，请稍后再试。")
			.put("instance", "/api/contact");
	}

	/** The components reachable from the paths, following references between them. */
	private static ObjectNode used(ObjectNode components, JsonNode paths) {
		Set<String> reached = new HashSet<>();
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.add(paths);
		// Security schemes are named by requirements, not referenced.
		paths.findValues("security")
			.forEach((requirements) -> requirements.forEach((requirement) -> requirement.propertyNames()
				.forEach((name) -> reached.add(ref("securitySchemes", name)))));
		while (!pending.isEmpty()) {
			for (JsonNode value : pending.pop().findValues("$ref")) {
				String ref = value.asString();
				if (reached.add(ref) && ref.startsWith("#/components/")) {
					String[] parts = ref.substring("#/components/".length()).split("/", 2);
					JsonNode target = components.path(parts[0]).get(parts[1]);
					if (target != null) {
						pending.add(target);
					}
				}
			}
		}
		ObjectNode kept = NODES.objectNode();
		components.properties().forEach((section) -> section.getValue().properties().forEach((entry) -> {
			if (reached.contains(ref(section.getKey(), entry.getKey()))) {
				JsonNode existing = kept.get(section.getKey());
				ObjectNode target = (existing instanceof ObjectNode object) ? object : kept.putObject(section.getKey());
				target.set(entry.getKey(), entry.getValue());
			}
		}));
		return kept;
	}

	private static void rewriteRefs(JsonNode node, Map<String, String> refs) {
		if (node instanceof ObjectNode object) {
			JsonNode ref = object.get("$ref");
			if (ref != null && ref.isString() && refs.containsKey(ref.asString())) {
				object.put("$ref", refs.get(ref.asString()));
			}
			object.properties().forEach((entry) -> rewriteRefs(entry.getValue(), refs));
		}
		else if (node instanceof ArrayNode array) {
			array.forEach((element) -> rewriteRefs(element, refs));
		}
	}

	private static boolean isMethod(String key) {
		for (String method : METHODS) {
			if (method.equals(key)) {
				return true;
			}
		}
		return false;
	}

	private static String ref(String section, String name) {
		return "#/components/" + section + "/" + name;
	}

	/** {@code article-service} → {@code Article}. */
	static String prefixOf(String service) {
		String name = service.endsWith("-service") ? service.substring(0, service.length() - "-service".length())
				: service;
		StringBuilder prefix = new StringBuilder();
		for (String part : name.split("-")) {
			if (!part.isEmpty()) {
				prefix.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		return prefix.toString();
	}

}
