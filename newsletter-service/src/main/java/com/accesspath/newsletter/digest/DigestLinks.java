package com.accesspath.newsletter.digest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.config.NewsletterProperties;

/**
 * The links in a digest go through {@code /api/subscriptions/links}, which counts the
 * click for the run and the link and redirects. A link names the run and the target,
 * never the reader (PIPL: engagement is counted, nobody is profiled); it is signed, so
 * the redirect cannot be pointed anywhere else (no open redirect, no forged counts).
 * <p>
 * The signing key is made once and kept in MongoDB, so every replica shares it and no
 * secret needs configuring.
 */
@Component
class DigestLinks implements InitializingBean {

	static final String CLICKS = "digestClicks";

	static final String SETTINGS = "digestSettings";

	private static final String KEY_ID = "link-signing-key";

	private final MongoTemplate mongo;

	private final NewsletterProperties properties;

	private volatile byte[] key;

	record LinkClicks(String url, long clicks) {
	}

	DigestLinks(MongoTemplate mongo, NewsletterProperties properties) {
		this.mongo = mongo;
		this.properties = properties;
	}

	/** A run's links, most clicked first. */
	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(CLICKS)
			.createIndex(
					new Index().on("runId", Sort.Direction.ASC).on("clicks", Sort.Direction.DESC).named("run_clicks"));
	}

	/** The tracked form of a link in run {@code runId}'s digest. */
	String track(String runId, String url) {
		return this.properties.link("/api/subscriptions/links") + "?run=" + encode(runId) + "&url=" + encode(url)
				+ "&sig=" + signature(runId, url);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	boolean verify(String runId, String url, String signature) {
		return signature != null && MessageDigest.isEqual(signature(runId, url).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	/** Whether the link leads to this site (safe to follow even without a signature). */
	boolean isOwnSite(String url) {
		String site = this.properties.link("/");
		return url.startsWith(site);
	}

	void countClick(String runId, String url) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(runId + " " + url)),
				new Update().setOnInsert("runId", runId).setOnInsert("url", url).inc("clicks", 1L), CLICKS);
	}

	/** A run's links by clicks, most clicked first. */
	List<LinkClicks> clicks(String runId, int limit) {
		return this.mongo
			.find(Query.query(Criteria.where("runId").is(runId))
				.with(Sort.by(Sort.Direction.DESC, "clicks"))
				.limit(limit), Document.class, CLICKS)
			.stream()
			.map(doc -> new LinkClicks(doc.getString("url"), ((Number) doc.get("clicks")).longValue()))
			.toList();
	}

	private String signature(String runId, String url) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] digest = mac.doFinal((runId + "\n" + url).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] key() {
		byte[] known = this.key;
		if (known != null) {
			return known;
		}
		Document stored = this.mongo.findById(KEY_ID, Document.class, SETTINGS);
		if (stored == null) {
			byte[] made = new byte[32];
			new SecureRandom().nextBytes(made);
			try {
				this.mongo.insert(new Document("_id", KEY_ID).append("key", Base64.getEncoder().encodeToString(made)),
						SETTINGS);
			}
			catch (DuplicateKeyException ex) {
				// Another replica made it first: use theirs.
			}
			stored = this.mongo.findById(KEY_ID, Document.class, SETTINGS);
		}
		this.key = Base64.getDecoder().decode(stored.getString("key"));
		return this.key;
	}

}
