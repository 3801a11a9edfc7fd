package com.accesspath.article.media;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A file in the media library as recorded: its id is the start of the SHA-256 of the
 * bytes uploaded, so the same file uploaded twice is one entry. {@code file} is the name
 * it is served under ({@code /media/{id}/{file}}); the stored bytes are the re-encoded
 * image (metadata gone), or the PDF as sent.
 */
@Document(MediaRepository.COLLECTION)
record Media(@Id String id, String file, MediaKind kind, long bytes, Integer width, Integer height,
		List<Rendition> renditions, String name, String uploadedBy, Instant uploadedAt) {

	/** An image at a narrower width, as {@code /media/{id}/{file}?w={width}}. */
	record Rendition(int width, int height, long bytes) {
	}

	String url() {
		return "/media/" + this.id + "/" + this.file;
	}

	/** The storage key of the full file, or of a rendition ({@code width} not null). */
	String key(Integer width) {
		return this.id + "/" + ((width != null) ? "w" + width : "full") + "." + this.kind.extension();
	}

}
