package com.accesspath.article.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file the library takes, each known by its first bytes (its magic number),
 * never by the name or the type a client claims: an HTML page or an SVG named
 * {@code cover.png} is neither.
 */
enum MediaKind {

	JPEG("image/jpeg", "jpg", "jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),

	PNG("image/png", "png", "png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }),

	GIF("image/gif", "gif", "gif", "GIF8".getBytes(StandardCharsets.US_ASCII)),

	WEBP("image/webp", "webp", "webp", "RIFF".getBytes(StandardCharsets.US_ASCII)),

	PDF("application/pdf", "pdf", null, "%PDF-".getBytes(StandardCharsets.US_ASCII));

	/** Enough of a file's start to tell every kind apart. */
	static final int HEAD = 12;

	private final String contentType;

	private final String extension;

	private final String imageFormat;

	private final byte[] magic;

	MediaKind(String contentType, String extension, String imageFormat, byte[] magic) {
		this.contentType = contentType;
		this.extension = extension;
		this.imageFormat = imageFormat;
		this.magic = magic;
	}

	static Optional<MediaKind> of(byte[] head) {
		for (MediaKind kind : values()) {
			if (kind.matches(head)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	private boolean matches(byte[] head) {
		if (head.length < this.magic.length
				|| !Arrays.equals(head, 0, this.magic.length, this.magic, 0, this.magic.length)) {
			return false;
		}
		if (this == GIF) {
			// GIF87a or GIF89a.
			return head.length >= 6 && (head[4] == '7' || head[4] == '9') && head[5] == 'a';
		}
		if (this == WEBP) {
			// RIFF, a length, then WEBP (a WAV or an AVI is RIFF too).
			return head.length >= 12 && new String(head, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
		}
		return true;
	}

	String contentType() {
		return this.contentType;
	}

	String extension() {
		return this.extension;
	}

	boolean isImage() {
		return this.imageFormat != null;
	}

	/** The ImageIO format name its reader is asked for by. */
	String imageFormat() {
		return this.imageFormat;
	}

}
