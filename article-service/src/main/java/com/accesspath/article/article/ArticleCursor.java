package com.accesspath.article.article;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.accesspath.boot.problem.InvalidInputException;

/**
 * Opaque page cursors. Lists are keyset-paged on (publishedAt, id) so pages never repeat
 * or skip an article while new ones are added; search results, ordered by relevance, are
 * paged by offset; the editors' list by id.
 */
record ArticleCursor(Instant publishedAt, String id, int offset, Instant asOf) {

	static ArticleCursor after(Article last) {
		return new ArticleCursor(last.publishedAt(), last.id(), -1, null);
	}

	/**
	 * Search pages: the offset into results as they stood at {@code asOf}, so later
	 * articles shift nothing.
	 */
	static ArticleCursor atOffset(int offset, Instant asOf) {
		return new ArticleCursor(null, null, offset, asOf);
	}

	static ArticleCursor afterId(String id) {
		return new ArticleCursor(null, id, -1, null);
	}

	String encode() {
		String raw;
		if (this.offset >= 0) {
			raw = "s|" + this.offset + "|" + this.asOf.toEpochMilli();
		}
		else if (this.publishedAt != null) {
			raw = "k|" + this.publishedAt.toEpochMilli() + "|" + this.id;
		}
		else {
			raw = "i|" + this.id;
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static ArticleCursor decode(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			ArticleCursor decoded = switch (parts[0]) {
				case "s" -> (parts.length == 3)
						? atOffset(Integer.parseInt(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2]))) : null;
				case "k" -> (parts.length == 3 && isObjectId(parts[2]))
						? new ArticleCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2], -1, null) : null;
				case "i" -> (parts.length == 2 && isObjectId(parts[1])) ? afterId(parts[1]) : null;
				default -> null;
			};
			if (decoded != null && (decoded.offset < -1 || decoded.offset > 10_000)) {
				decoded = null;
			}
			if (decoded != null) {
				return decoded;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through: not one of ours
		}
		throw new InvalidInputException("cursor", "is not a cursor this service issued");
	}

	boolean isKeyset() {
		return this.publishedAt != null;
	}

	boolean isOffset() {
		return this.offset >= 0;
	}

	static boolean isObjectId(String value) {
		return value != null && value.matches("[0-9a-f]{24}");
	}

}
