package com.accesspath.newsletter.bounce;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.bounce.Bounce.Kind;
import com.accesspath.newsletter.outbox.SendGuard;

/**
 * Addresses no mail may go to any more, one document per address ({@code _id} the address
 * in lower case), changed only by single-document atomic updates, so replicas polling one
 * mailbox or a provider retrying a webhook never count a bounce twice:
 * <ul>
 * <li>a hard bounce or a complaint suppresses at once;</li>
 * <li>soft bounces are collected by mail id ({@code $addToSet}) in a window that opens
 * with the first one counted; {@code softBounceLimit} different mails within it
 * suppress.</li>
 * </ul>
 * The first suppression's reason, source and time stay; an editor may lift it.
 */
@Component
public class Suppressions implements SendGuard {

	private static final Logger log = LoggerFactory.getLogger(Suppressions.class);

	static final String COLLECTION = "suppressions";

	/** What applying a bounce did. */
	public enum Outcome {

		/** The address is suppressed from now on. */
		SUPPRESSED,
		/** It already was. */
		ALREADY_SUPPRESSED,
		/** A soft bounce counted, below the limit. */
		COUNTED,
		/** A soft bounce of a mail already counted (read twice): nothing changed. */
		REPEATED

	}

	/**
	 * What is known about an address.
	 *
	 * @param email the address
	 * @param suppressed whether no mail may go to it
	 * @param reason {@code hard-bounce}, {@code complaint} or {@code soft-bounce} (the
	 * limit reached); null while not suppressed
	 * @param source who reported what suppressed it: {@code mailbox}, {@code sendgrid},
	 * {@code ses}
	 * @param detail the status or diagnostic reported
	 * @param suppressedAt when
	 * @param softBounces different mails that soft-bounced in the current window
	 * @param lastSoftBounceAt the latest soft bounce counted
	 */
	public record Suppression(String email, boolean suppressed, String reason, String source, String detail,
			Instant suppressedAt, int softBounces, Instant lastSoftBounceAt) {
	}

	private final MongoTemplate mongo;

	private final BounceProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	Suppressions(MongoTemplate mongo, BounceProperties properties, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Whether no mail may go to this address: one lookup by {@code _id}, made before
	 * every send.
	 */
	@Override
	public boolean isSuppressed(String email) {
		return this.mongo.exists(Query.query(Criteria.where("_id").is(normalized(email)).and("suppressed").is(true)),
				COLLECTION);
	}

	public Optional<Suppression> find(String email) {
		Document stored = this.mongo.findById(normalized(email), Document.class, COLLECTION);
		if (stored == null) {
			return Optional.empty();
		}
		List<?> softBounces = stored.getList("softBounces", Object.class, List.of());
		return Optional.of(new Suppression(stored.getString("_id"),
				Boolean.TRUE.equals(stored.getBoolean("suppressed")), stored.getString("reason"),
				stored.getString("source"), stored.getString("detail"), instant(stored.getDate("suppressedAt")),
				softBounces.size(), instant(stored.getDate("lastSoftBounceAt"))));
	}

	/**
	 * Mail may go to the address again, its soft bounces forgotten; false when nothing
	 * was known about it.
	 */
	public boolean lift(String email) {
		boolean lifted = this.mongo.remove(Query.query(Criteria.where("_id").is(normalized(email))), COLLECTION)
			.getDeletedCount() > 0;
		if (lifted) {
			log.info("Suppression of {} lifted", email);
		}
		return lifted;
	}

	public Outcome apply(Bounce bounce) {
		this.meters.counter("newsletter.bounces", "kind", bounce.kind().tag(), "source", bounce.source()).increment();
		Outcome outcome = (bounce.kind() == Kind.SOFT_BOUNCE) ? countSoftBounce(bounce) : suppress(bounce, true);
		if (outcome == Outcome.SUPPRESSED) {
			this.meters.counter("newsletter.suppressions", "reason", bounce.kind().tag(), "source", bounce.source())
				.increment();
			log.info("{} suppressed after a {} reported by {}: {}", bounce.email(), bounce.kind().tag(),
					bounce.source(), bounce.detail());
		}
		return outcome;
	}

	private Outcome suppress(Bounce bounce, boolean upsert) {
		Query notYet = Query.query(Criteria.where("_id").is(bounce.email()).and("suppressed").ne(true));
		Update update = new Update().set("suppressed", true)
			.set("reason", bounce.kind().tag())
			.set("source", bounce.source())
			.set("detail", bounce.detail())
			.set("suppressedAt", Date.from(this.clock.instant()));
		if (!upsert) {
			return (this.mongo.updateFirst(notYet, update, COLLECTION).getModifiedCount() > 0) ? Outcome.SUPPRESSED
					: Outcome.ALREADY_SUPPRESSED;
		}
		try {
			this.mongo.upsert(notYet, update, COLLECTION);
			return Outcome.SUPPRESSED;
		}
		catch (DuplicateKeyException ex) {
			// The address's document is suppressed already: the upsert could only have
			// inserted a second one.
			return Outcome.ALREADY_SUPPRESSED;
		}
	}

	private Outcome countSoftBounce(Bounce bounce) {
		Instant now = this.clock.instant();
		Date windowOpenedAfter = Date.from(now.minus(this.properties.softBounceWindow()));
		for (int attempt = 0; attempt < 3; attempt++) {
			Document before = this.mongo.findAndModify(
					Query.query(Criteria.where("_id").is(bounce.email()).and("softSince").gt(windowOpenedAfter)),
					new Update().addToSet("softBounces", bounce.mailId()).max("lastSoftBounceAt", Date.from(now)),
					FindAndModifyOptions.options().returnNew(false), Document.class, COLLECTION);
			int counted;
			if (before != null) {
				List<Object> ids = before.getList("softBounces", Object.class, List.of());
				if (ids.contains(bounce.mailId())) {
					return Outcome.REPEATED;
				}
				counted = ids.size() + 1;
			}
			else if (openWindow(bounce, now, windowOpenedAfter)) {
				counted = 1;
			}
			else {
				// Another replica opened the window meanwhile: count in it.
				continue;
			}
			if (counted < this.properties.softBounceLimit()) {
				return Outcome.COUNTED;
			}
			return suppress(bounce, false);
		}
		throw new IllegalStateException("Soft bounce for " + bounce.email() + " not counted: the window kept changing");
	}

	/**
	 * Starts a window with this bounce when the address has none open; false when another
	 * replica opened one first.
	 */
	private boolean openWindow(Bounce bounce, Instant now, Date windowOpenedAfter) {
		Query noOpenWindow = Query
			.query(new Criteria().andOperator(Criteria.where("_id").is(bounce.email()), new Criteria().orOperator(
					Criteria.where("softSince").exists(false), Criteria.where("softSince").lte(windowOpenedAfter))));
		try {
			this.mongo.upsert(noOpenWindow,
					new Update().set("softSince", Date.from(now))
						.set("softBounces", List.of(bounce.mailId()))
						.set("lastSoftBounceAt", Date.from(now)),
					COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private static String normalized(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
