package com.accesspath.newsletter.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.types.ObjectId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.outbox.Outbox;
import com.accesspath.newsletter.outbox.OutboxMail;
import com.accesspath.newsletter.site.Taxonomy;

/**
 * Double opt-in. Subscribing answers the same for every address (nobody can probe who
 * subscribes); a new or unsubscribed address gets a confirmation link, a pending one a
 * fresh link (at most every few minutes), a confirmed one a note with its preferences
 * link. Confirmation links expire; management links (preferences, unsubscribe) last
 * {@code manage-links-valid-for}, and a new one never replaces those mailed before. Every
 * mail goes through the {@link Outbox}: the answer never waits for SMTP (or hints at who
 * exists), and a restart loses none.
 */
@Service
public class SubscriptionService {

	/** A pending address gets at most one confirmation email this often, whoever asks. */
	static final Duration RESEND_AFTER = Duration.ofMinutes(5);

	@Schema(description = "订阅偏好")
	public record Preferences(@Schema(description = "打码的邮箱", example = "z***@example.com") String email,
			@Schema(description = "关注的主题:分类 key 或标签", example = "[\"manufacturing\", \"大模型\"]") List<String> topics,
			Frequency frequency, SubscriptionStatus status) {
	}

	private final SubscriberRepository subscribers;

	private final Outbox outbox;

	private final NewsletterProperties properties;

	private final Taxonomy taxonomy;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SubscriptionService(SubscriberRepository subscribers, Outbox outbox, NewsletterProperties properties,
			Taxonomy taxonomy, Clock clock, ApplicationEventPublisher events) {
		this.subscribers = subscribers;
		this.outbox = outbox;
		this.properties = properties;
		this.taxonomy = taxonomy;
		this.clock = clock;
		this.events = events;
	}

	void subscribe(String rawEmail, List<String> topics, Frequency frequency, Subscriber.Consent consent) {
		String email = rawEmail.strip().toLowerCase(Locale.ROOT);
		List<String> chosen = validTopics(topics);
		Frequency chosenFrequency = (frequency != null) ? frequency : Frequency.WEEKLY;
		Instant now = this.clock.instant();
		Optional<Subscriber> existing = this.subscribers.findByEmail(email);
		if (existing.isEmpty()) {
			String id = new ObjectId().toHexString();
			String confirmToken = Tokens.newToken();
			String mail = holdConfirmation(id, email, confirmToken);
			Subscriber subscriber = new Subscriber(id, email, SubscriptionStatus.PENDING, chosen, chosenFrequency,
					Tokens.hash(confirmToken), now.plus(this.properties.confirmationValidFor()), null, List.of(consent),
					now, null, null, now, Map.of(), List.of(), null);
			if (this.subscribers.insert(subscriber)) {
				this.outbox.release(mail);
			}
			else {
				this.outbox.cancel(mail);
			}
			return;
		}
		Subscriber subscriber = existing.get();
		switch (subscriber.status()) {
			case CONFIRMED -> {
				// Say nothing new to the caller; tell the owner, with a management link
				// of
				// their own (the links they hold keep working), once a period at most:
				// repeated subscribes are no way to flood their inbox.
				// Nothing changes for the owner: the request's address and browser are a
				// stranger's as likely as theirs, and are not stored in their record.
				Instant since = now.minus(this.properties.alreadySubscribedEvery());
				if (subscriber.alreadySubscribedMailedAt() != null
						&& subscriber.alreadySubscribedMailedAt().isAfter(since)) {
					return;
				}
				String mail = SubscriptionMails.alreadySubscribedKey(subscriber.id(), now);
				if (!this.outbox.hold(OutboxMail.Kind.ALREADY_SUBSCRIBED, mail, email, subscriber.id(), null)) {
					// Subscribed again in the same millisecond: that request mails them.
					return;
				}
				if (this.subscribers.claimAlreadySubscribedMail(subscriber.id(), now, since)) {
					this.outbox.release(mail);
				}
				else {
					this.outbox.cancel(mail);
				}
			}
			case PENDING, UNSUBSCRIBED -> {
				if (subscriber.status() == SubscriptionStatus.PENDING && subscriber.lastConfirmationSentAt() != null
						&& now.isBefore(subscriber.lastConfirmationSentAt().plus(RESEND_AFTER))) {
					return;
				}
				String confirmToken = Tokens.newToken();
				String mail = holdConfirmation(subscriber.id(), email, confirmToken);
				this.subscribers.update(subscriber.id(),
						new Update().set("status", SubscriptionStatus.PENDING)
							.set("topics", chosen)
							.set("frequency", chosenFrequency)
							.set("confirmTokenHash", Tokens.hash(confirmToken))
							.set("confirmExpiresAt", now.plus(this.properties.confirmationValidFor()))
							// A new subscription: the links of one its owner ended
							// control
							// nothing of it.
							.set("manageLinks", List.of())
							.unset("manageTokenHash")
							.set("lastConfirmationSentAt", now)
							.push("consents", consent));
				this.outbox.release(mail);
			}
		}
	}

	Optional<Preferences> confirm(String token) {
		Instant now = this.clock.instant();
		return this.subscribers.findByConfirmToken(Tokens.hash(token), now).flatMap(subscriber -> {
			return this.subscribers.update(subscriber.id(),
					new Update().set("status", SubscriptionStatus.CONFIRMED)
						.set("confirmedAt", now)
						.unset("confirmTokenHash")
						.unset("confirmExpiresAt"));
		}).map(SubscriptionService::preferencesOf);
	}

	Optional<Preferences> preferences(String token) {
		return this.subscribers.findByManageToken(Tokens.hash(token), this.clock.instant())
			.map(SubscriptionService::preferencesOf);
	}

	Optional<Preferences> changePreferences(String token, List<String> topics, Frequency frequency) {
		return this.subscribers.findByManageToken(Tokens.hash(token), this.clock.instant()).flatMap(subscriber -> {
			Update update = new Update();
			if (topics != null) {
				update.set("topics", validTopics(topics));
			}
			if (frequency != null) {
				update.set("frequency", frequency);
			}
			return update.getUpdateObject().isEmpty() ? Optional.of(subscriber)
					: this.subscribers.update(subscriber.id(), update);
		}).map(SubscriptionService::preferencesOf);
	}

	Optional<Preferences> unsubscribe(String token) {
		String hash = Tokens.hash(token);
		return this.subscribers.findByManageToken(hash, this.clock.instant()).flatMap(subscriber -> {
			if (subscriber.status() == SubscriptionStatus.UNSUBSCRIBED) {
				return Optional.of(subscriber);
			}
			Optional<Subscriber> unsubscribed = this.subscribers.unsubscribe(subscriber.id(), this.clock.instant());
			unsubscribed.ifPresent(done -> this.events.publishEvent(new Unsubscribed(subscriber.id(),
					subscriber.manageLink(hash).map(Subscriber.ManageLink::runId).orElse(null))));
			return unsubscribed.isPresent() ? unsubscribed : this.subscribers.findById(subscriber.id());
		}).map(SubscriptionService::preferencesOf);
	}

	/**
	 * Someone unsubscribed, with the link of the digest {@code runId} (null: another
	 * mail's link).
	 */
	public record Unsubscribed(String subscriberId, String runId) {
	}

	/**
	 * A new management link for a subscriber (every digest carries one), valid for
	 * {@code manageLinksValidFor}; the links mailed before keep working.
	 * @param runId the digest run whose mail carries it, or null
	 */
	public String newManageToken(String subscriberId, String runId) {
		String token = Tokens.newToken();
		Instant now = this.clock.instant();
		this.subscribers.addManageLink(subscriberId,
				new Subscriber.ManageLink(Tokens.hash(token), now.plus(this.properties.manageLinksValidFor()), runId),
				now);
		return token;
	}

	// Links in the mails open the web client's pages (module web), which act only on the
	// reader's click; the
	// List-Unsubscribe header keeps pointing at the API for mail clients' one-click POST.
	public String preferencesUrl(String manageToken) {
		return this.properties.link("/subscriptions/preferences?token=" + manageToken);
	}

	public String unsubscribeUrl(String manageToken) {
		return this.properties.link("/subscriptions/unsubscribe?token=" + manageToken);
	}

	public String unsubscribeApiUrl(String manageToken) {
		return this.properties.link("/api/subscriptions/unsubscribe?token=" + manageToken);
	}

	/**
	 * Holds the confirmation mail before the link's hash is stored: a crash between the
	 * two leaves a mail its composer drops, never a stored link without its mail.
	 */
	private String holdConfirmation(String subscriberId, String email, String confirmToken) {
		String key = "confirm:" + Tokens.hash(confirmToken);
		this.outbox.hold(OutboxMail.Kind.CONFIRMATION, key, email, subscriberId, confirmToken);
		return key;
	}

	/**
	 * API.md: topics are category keys (from article-service's taxonomy) or the
	 * newsletter's tags.
	 */
	private List<String> validTopics(List<String> topics) {
		if (topics == null) {
			return List.of();
		}
		Set<String> categories = null;
		for (int i = 0; i < topics.size(); i++) {
			String topic = topics.get(i);
			if (this.properties.tags().contains(topic)) {
				continue;
			}
			if (categories == null) {
				categories = this.taxonomy.categoryKeys()
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
							"Topics cannot be checked right now; please try again later."));
			}
			if (!categories.contains(topic)) {
				throw new InvalidInputException("topics[" + i + "]", "is not a topic of this newsletter");
			}
		}
		return topics.stream().distinct().toList();
	}

	static Preferences preferencesOf(Subscriber subscriber) {
		return new Preferences(maskEmail(subscriber.email()), subscriber.topics(), subscriber.frequency(),
				subscriber.status());
	}

	static String maskEmail(String email) {
		int at = email.indexOf('@');
		return (at <= 0) ? "***" : email.charAt(0) + "***" + email.substring(at);
	}

}
