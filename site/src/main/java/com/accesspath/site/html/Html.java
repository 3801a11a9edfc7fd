package com.accesspath.site.html;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Renders a page's template (precompiled, escaping everything but the sanitised bodies)
 * into the answer, with the headers every HTML page carries: its Cache-Control and the
 * Content-Security-Policy (no inline script runs, whatever a body holds).
 */
@Component
public class Html {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' https://res.wx.qq.com; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; connect-src 'self'; "
			+ "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/** Public pages: shared caches (the gateway) keep them briefly. */
	public static final CacheControl PUBLIC = CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();

	/** Pages for one reader (reports), and error pages that must not stick. */
	public static final CacheControl PRIVATE = CacheControl.noStore().cachePrivate();

	private static final MediaType TEXT_HTML_UTF8 = MediaType.parseMediaType("text/html;charset=UTF-8");

	private final TemplateEngine templates;

	Html(TemplateEngine templates) {
		this.templates = templates;
	}

	/** {@code template} (e.g. {@code pages/article.jte}) with its parameters. */
	public ResponseEntity<byte[]> page(HttpStatus status, CacheControl cacheControl, String template,
			Map<String, Object> params) {
		byte[] body = render(template, params);
		ResponseEntity.BodyBuilder builder = builder(status, cacheControl);
		if (status == HttpStatus.OK && cacheControl == PUBLIC) {
			// Weak: the gateway compresses the bytes on their way. A GET with this tag in
			// If-None-Match is a 304 (Spring MVC compares it).
			builder.eTag("W/" + etag(body));
		}
		return builder.body(body);
	}

	public ResponseEntity.BodyBuilder builder(HttpStatus status, CacheControl cacheControl) {
		return ResponseEntity.status(status)
			.contentType(TEXT_HTML_UTF8)
			.cacheControl(cacheControl)
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
	}

	/** A strong validator of these bytes (a quoted, truncated SHA-256). */
	public static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public byte[] render(String template, Map<String, Object> params) {
		Utf8ByteOutput output = new Utf8ByteOutput();
		this.templates.render(template, params, output);
		return output.toByteArray();
	}

}
