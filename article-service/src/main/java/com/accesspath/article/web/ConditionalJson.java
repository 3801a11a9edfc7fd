package com.accesspath.article.web;

import java.util.Arrays;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Answers a public read from JSON serialised once: 304 when the client already holds this
 * version ({@code If-None-Match}), else the bytes, both with the {@code ETag} and the
 * shared {@code Cache-Control}. Articles and site pages answer the same way.
 */
public final class ConditionalJson {

	private ConditionalJson() {
	}

	public static ResponseEntity<byte[]> answer(byte[] json, String etag, String ifNoneMatch,
			CacheControl cacheControl) {
		if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cacheControl).build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.eTag(etag)
			.cacheControl(cacheControl)
			.body(json);
	}

	public static boolean matches(String ifNoneMatch, String etag) {
		String bare = etag.replace("\"", "");
		return Arrays.stream(ifNoneMatch.split(","))
			.map(String::strip)
			.map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
			.anyMatch(tag -> tag.equals("*") || tag.replace("\"", "").equals(bare));
	}

}
