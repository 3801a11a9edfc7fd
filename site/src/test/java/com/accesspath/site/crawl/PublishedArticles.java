package com.accesspath.site.crawl;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.accesspath.site.StubBackend;
import com.accesspath.site.StubBackend.Answer;

/**
 * Published articles served by the stub article-service as article-service would: newest
 * first, pages of at most 50 behind an opaque cursor, filters by category and tag, and
 * each article by its slug.
 */
final class PublishedArticles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Article(String id, String slug, String title, String category, List<String> tags, Instant publishedAt,
			Instant updatedAt, String body) {

		Map<String, Object> json(boolean withBody) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id);
			json.put("slug", this.slug);
			json.put("title", this.title);
			json.put("summary", "摘要 " + this.title);
			if (withBody) {
				json.put("body", this.body);
			}
			json.put("category", Map.of("key", this.category, "name", "名称 " + this.category));
			json.put("tags", this.tags);
			json.put("author", Map.of("name", "作者 " + this.id));
			json.put("status", "PUBLISHED");
			json.put("publishedAt", this.publishedAt.toString());
			json.put("updatedAt", (this.updatedAt != null) ? this.updatedAt.toString() : null);
			json.put("readingMinutes", 1);
			json.put("version", 1);
			return json;
		}

	}

	private final List<Article> newestFirst = new ArrayList<>();

	/** Pages asked for, with the limit each asked. */
	final List<Integer> limitsAsked = new ArrayList<>();

	PublishedArticles(StubBackend stub, List<Article> articles) {
		this.newestFirst.addAll(articles);
		this.newestFirst.sort((a, b) -> b.publishedAt().compareTo(a.publishedAt()));
		stub.route("GET /api/articles", this::pageFor);
		for (Article article : articles) {
			stub.answer("GET /api/articles/" + article.slug(), 200, JSON.writeValueAsString(article.json(true)));
		}
	}

	/** The answer to one list request. */
	synchronized Answer pageFor(URI uri) {
		Map<String, String> query = query(uri);
		int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
		this.limitsAsked.add(limit);
		if (limit < 1 || limit > 50) {
			return new Answer(400, "{\"status\":400}", 0);
		}
		List<Article> matching = this.newestFirst.stream()
			.filter(article -> !query.containsKey("category") || article.category().equals(query.get("category")))
			.filter(article -> !query.containsKey("tag") || article.tags().contains(query.get("tag")))
			.toList();
		int from = query.containsKey("cursor") ? Integer.parseInt(query.get("cursor").substring(1)) : 0;
		int to = Math.min(matching.size(), from + limit);
		List<Map<String, Object>> items = matching.subList(from, to).stream().map(a -> a.json(false)).toList();
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("items", items);
		page.put("nextCursor", (to < matching.size()) ? "c" + to : null);
		return Answer.json(JSON.writeValueAsString(page));
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return query;
	}

}
