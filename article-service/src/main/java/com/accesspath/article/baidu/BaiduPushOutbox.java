package com.accesspath.article.baidu;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.accesspath.article.baidu.BaiduPush.Status;

/**
 * The durable list of URLs to push (collection {@code baiduPushes}) and the day's quota
 * as Baidu last reported it (collection {@code baiduPushQuota}, one document per day in
 * Beijing time, when Baidu's quota starts again). Every change is one single-document
 * write, so several replicas can share it without transactions: a URL is claimed with
 * findAndModify before it is sent.
 */
@Component
public class BaiduPushOutbox {

	static final String COLLECTION = "baiduPushes";

	static final String QUOTA_COLLECTION = "baiduPushQuota";

	/** Baidu's quota day. */
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final Logger log = LoggerFactory.getLogger(BaiduPushOutbox.class);

	private final MongoTemplate mongo;

	private final BaiduPushProperties properties;

	private final Clock clock;

	BaiduPushOutbox(MongoTemplate mongo, BaiduPushProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
		createIndexes();
	}

	void createIndexes() {
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("status", Sort.Direction.ASC)
				.on("nextAttemptAt", Sort.Direction.ASC)
				.named("status_nextAttemptAt"));
	}

	/**
	 * Records that the article with {@code slug} is public from {@code visibleAt} on.
	 * Never fails the caller: a publish succeeds even if this cannot be recorded (it is
	 * then logged and the URL is not pushed; the sitemap still lists it).
	 */
	public void published(String slug, Instant visibleAt) {
		if (!this.properties.enabled() || slug == null) {
			return;
		}
		String url = this.properties.articleUrl(slug);
		Instant now = this.clock.instant();
		Instant from = (visibleAt != null && visibleAt.isAfter(now)) ? visibleAt : now;
		try {
			// Rescheduled before it was sent: it goes out at the new time.
			boolean rescheduled = this.mongo
				.updateFirst(
						Query.query(
								Criteria.where("_id").is(url).and("status").is(Status.PENDING).and("claim").is(null)),
						new Update().set("nextAttemptAt", from).set("updatedAt", now), COLLECTION)
				.getMatchedCount() > 0;
			if (!rescheduled) {
				// Published again after it was pushed: nothing new for Baidu.
				this.mongo.upsert(Query.query(Criteria.where("_id").is(url)),
						new Update().setOnInsert("status", Status.PENDING)
							.setOnInsert("attempts", 0)
							.setOnInsert("nextAttemptAt", from)
							.setOnInsert("createdAt", now)
							.setOnInsert("updatedAt", now),
						COLLECTION);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not record {} for Baidu's URL push; it will not be pushed: {}", url, ex.toString());
		}
	}

	/**
	 * The article is no longer public (archived, perhaps before its scheduled time): a
	 * URL not sent yet is not sent.
	 */
	public void withdrawn(String slug) {
		if (!this.properties.enabled() || slug == null) {
			return;
		}
		try {
			this.mongo.remove(Query.query(Criteria.where("_id")
				.is(this.properties.articleUrl(slug))
				.and("status")
				.is(Status.PENDING)
				.and("claim")
				.is(null)), COLLECTION);
		}
		catch (RuntimeException ex) {
			log.warn("Could not withdraw {} from Baidu's URL push: {}", slug, ex.toString());
		}
	}

	/** Claims up to {@code max} due URLs for {@code claim} until {@code until}. */
	List<BaiduPush> claim(String claim, int max, Instant until) {
		Instant now = this.clock.instant();
		List<BaiduPush> claimed = new ArrayList<>();
		Query due = Query.query(Criteria.where("status").is(Status.PENDING).and("nextAttemptAt").lte(now))
			.with(Sort.by("nextAttemptAt"));
		Update take = new Update().set("claim", claim).set("nextAttemptAt", until).set("updatedAt", now);
		while (claimed.size() < max) {
			BaiduPush push = this.mongo.findAndModify(due, take, FindAndModifyOptions.options().returnNew(true),
					BaiduPush.class, COLLECTION);
			if (push == null) {
				break;
			}
			claimed.add(push);
		}
		return claimed;
	}

	void done(BaiduPush push, Integer remain) {
		Instant now = this.clock.instant();
		finish(push,
				new Update().set("status", Status.DONE)
					.inc("attempts", 1)
					.set("remain", remain)
					.set("sentAt", now)
					.unset("lastError"));
	}

	/** Baidu took the request but not this URL (not of the site, not valid): final. */
	void refused(BaiduPush push, String why, Integer remain) {
		finish(push,
				new Update().set("status", Status.FAILED)
					.inc("attempts", 1)
					.set("remain", remain)
					.set("lastError", why));
	}

	/** A failed attempt: tried again after the backoff, or FAILED after the last one. */
	void attemptFailed(BaiduPush push, String error) {
		int attempts = push.attempts() + 1;
		Update update = new Update().set("attempts", attempts).set("lastError", error);
		if (attempts >= this.properties.maxAttempts()) {
			update.set("status", Status.FAILED);
		}
		else {
			long factor = 1L << Math.min(attempts - 1, 16);
			update.set("status", Status.PENDING)
				.set("nextAttemptAt", this.clock.instant().plus(this.properties.backoff().multipliedBy(factor)));
		}
		finish(push, update);
	}

	/**
	 * Not sent (the day's quota is used up): due again at {@code at}, no attempt counted.
	 */
	void postpone(BaiduPush push, Instant at, String why) {
		finish(push, new Update().set("status", Status.PENDING).set("nextAttemptAt", at).set("lastError", why));
	}

	private void finish(BaiduPush push, Update update) {
		// Only while the claim is still ours (an expired claim may have been taken over).
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(push.url()).and("claim").is(push.claim())),
				update.unset("claim").set("updatedAt", this.clock.instant()), COLLECTION);
	}

	Optional<BaiduPush> find(String url) {
		return Optional.ofNullable(this.mongo.findById(url, BaiduPush.class, COLLECTION));
	}

	LocalDate today() {
		return LocalDate.now(this.clock.withZone(BEIJING));
	}

	/** The next start of Baidu's quota day. */
	Instant tomorrow() {
		return today().plusDays(1).atStartOfDay(BEIJING).toInstant();
	}

	/** The quota Baidu reported last today, if it did. */
	Optional<Integer> remainingToday() {
		Document quota = this.mongo.findById(today().toString(), Document.class, QUOTA_COLLECTION);
		return Optional.ofNullable(quota).map(document -> document.getInteger("remain"));
	}

	void recordRemaining(int remain) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(today().toString())),
				new Update().set("remain", remain).set("updatedAt", this.clock.instant()), QUOTA_COLLECTION);
	}

}
