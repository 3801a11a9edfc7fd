package com.accesspath.site.html;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import com.accesspath.site.backend.ArticleServiceClient.Category;

/**
 * The pieces lists and asides are made of, read from the services' JSON as templates show
 * them: article cards, hot list items, tags.
 */
public final class Cards {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(Frames.ZONE);

	private Cards() {
	}

	/** An article summary as a card. */
	public record Card(String id, String href, String title, String summary, String coverImage, String categoryKey,
			String categoryName, String publishedAt, String date, int readingMinutes, boolean featured, int tone) {

		public String categoryHref() {
			return (this.categoryKey != null) ? "/category/" + path(this.categoryKey) : null;
		}

	}

	/** A line of 24小时热榜. */
	public record HotItem(int rank, String href, String title, long views, String publishedAt, String date) {

		public String viewsText() {
			return count(this.views) + " 阅读";
		}

	}

	/** A tag and its link. */
	public record Tag(String name, String href) {

		public static Tag of(String name) {
			return new Tag(name, "/tags/" + path(name));
		}

	}

	public static List<Card> cards(JsonNode items, List<Category> tree) {
		List<Card> cards = new ArrayList<>();
		if (items != null && items.isArray()) {
			items.forEach(item -> cards.add(card(item, tree)));
		}
		return cards;
	}

	public static Card card(JsonNode article, List<Category> tree) {
		JsonNode category = article.get("category");
		String categoryKey = text(category, "key");
		String published = text(article, "publishedAt");
		JsonNode minutes = article.get("readingMinutes");
		JsonNode featured = article.get("featured");
		return new Card(text(article, "id"), articleHref(article), text(article, "title"), text(article, "summary"),
				text(article, "coverImage"), categoryKey, text(category, "name"), published, date(published),
				(minutes != null && minutes.isNumber()) ? minutes.asInt() : 0,
				featured != null && featured.isBoolean() && featured.asBoolean(),
				(categoryKey != null) ? Taxonomy.sectionIndex(tree, categoryKey) : 0);
	}

	public static List<HotItem> hot(JsonNode items) {
		List<HotItem> hot = new ArrayList<>();
		if (items != null && items.isArray()) {
			for (JsonNode item : items) {
				JsonNode article = item.get("article");
				if (article == null || !article.isObject()) {
					continue;
				}
				String published = text(article, "publishedAt");
				hot.add(new HotItem(item.path("rank").asInt(hot.size() + 1), articleHref(article),
						text(article, "title"), item.path("views").asLong(0), published, date(published)));
			}
		}
		return hot;
	}

	/** Hot tags ({@code [{tag, score}]}) as links. */
	public static List<Tag> hotTags(JsonNode tags) {
		List<Tag> links = new ArrayList<>();
		if (tags != null && tags.isArray()) {
			for (JsonNode tag : tags) {
				String name = text(tag, "tag");
				if (name != null && !name.isBlank()) {
					links.add(Tag.of(name));
				}
			}
		}
		return links;
	}

	public static List<Tag> tags(JsonNode tags) {
		List<Tag> links = new ArrayList<>();
		if (tags != null && tags.isArray()) {
			tags.forEach(tag -> links.add(Tag.of(tag.asString())));
		}
		return links;
	}

	/** {@code /articles/{slug}} (the id when there is no slug). */
	public static String articleHref(JsonNode article) {
		String slug = text(article, "slug");
		return "/articles/" + path((slug != null) ? slug : String.valueOf(text(article, "id")));
	}

	/** A text field, or null when absent or JSON null. */
	public static String text(JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || value.isContainer()) ? null : value.asString();
	}

	/** "2026年3月4日" in Beijing; empty for a missing or unreadable instant. */
	public static String date(String iso) {
		if (iso == null) {
			return "";
		}
		try {
			return DATE.format(Instant.parse(iso));
		}
		catch (DateTimeParseException ex) {
			return "";
		}
	}

	/** As the client shows counts: "1,234", "1.2万". */
	public static String count(long n) {
		if (n >= 100_000) {
			return Math.round(n / 10_000.0) + "万";
		}
		if (n >= 10_000) {
			return String.format("%.1f万", n / 10_000.0);
		}
		return String.format("%,d", n);
	}

	/** One path segment, percent-encoded (spaces as %20). */
	public static String path(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** A query value, percent-encoded. */
	public static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
