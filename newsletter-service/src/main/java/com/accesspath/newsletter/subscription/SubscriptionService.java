package com.accesspath.newsletter.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.mail.MailTemplates;
import com.accesspath.newsletter.mail.Mailer;
import com.accesspath.newsletter.site.Taxonomy;

/**
 * Double opt-in. Subscribing answers the same for every address (nobody can probe who
 * subscribes); a new or unsubscribed address gets a confirmation link, a pending one a
 * fresh link (at most every few minutes), a confirmed one a note with its preferences
 * link. Confirmation links expire; the management link (preferences, unsubscribe) lasts
 * as long as the subscription and is replaced when someone subscribes again.
 */
@Service
public class SubscriptionService {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

	/** A pending address gets at most one confirmation email this often, whoever asks. */
	static final Duration RESEND_AFTER = Duration.ofMinutes(5);

	@Schema(description = "订阅偏好")
	public record Preferences(@Schema(description = "打码的邮箱", example = "z***@example.com") String email,
			@Schema(description = "关注的主题:分类 key 或标签", example = "[\"manufacturing\", \"大模型\"]") List<String> topics,
			Frequency frequency, SubscriptionStatus status) {
	}

	private final SubscriberRepository subscribers;

	private final Mailer mailer;

	private final MailTemplates templates;

	private final NewsletterProperties properties;

	private final Taxonomy taxonomy;

	private final Clock clock;

	/**
	 * Emails leave on their own thread: the answer to a subscribe never waits for SMTP
	 * (or hints at who exists).
	 */
	private final ExecutorService outbox = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "subscription-mail");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger queued = new AtomicInteger();

	SubscriptionService(SubscriberRepository subscribers, Mailer mailer, MailTemplates templates,
			NewsletterProperties properties, Taxonomy taxonomy, Clock clock, MeterRegistry meters) {
		this.subscribers = subscribers;
		this.mailer = mailer;
		this.templates = templates;
		this.properties = properties;
		this.taxonomy = taxonomy;
		this.clock = clock;
		Gauge.builder("newsletter.mail.queued", this.queued, Number::doubleValue).register(meters);
	}

	/** Subscription emails waiting to be sent (including those being retried). */
	public int queuedMails() {
		return this.queued.get();
	}

	void subscribe(String rawEmail, List<String> topics, Frequency frequency, Subscriber.Consent consent) {
		String email = rawEmail.strip().toLowerCase(Locale.ROOT);
		List<String> chosen = validTopics(topics);
		Frequency chosenFrequency = (frequency != null) ? frequency : Frequency.WEEKLY;
		Instant now = this.clock.instant();
		Optional<Subscriber> existing = this.subscribers.findByEmail(email);
		if (existing.isEmpty()) {
			String confirmToken = Tokens.newToken();
			Subscriber subscriber = new Subscriber(null, email, SubscriptionStatus.PENDING, chosen, chosenFrequency,
					Tokens.hash(confirmToken), now.plus(this.properties.confirmationValidFor()), null, List.of(consent),
					now, null, null, now, Map.of(), List.of(), null);
			if (this.subscribers.insert(subscriber)) {
				sendConfirmation(email, chosenFrequency, confirmToken);
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
				this.subscribers.update(subscriber.id(), new Update().push("consents", consent));
				if (this.subscribers.claimAlreadySubscribedMail(subscriber.id(), now,
						now.minus(this.properties.alreadySubscribedEvery()))) {
					String manageToken = newManageToken(subscriber.id());
					sendQuietly("already-subscribed", email, "您已订阅 AccessPath AI 资讯",
							Map.of("email", email, "preferencesUrl", preferencesUrl(manageToken)));
				}
			}
			case PENDING, UNSUBSCRIBED -> {
				if (subscriber.status() == SubscriptionStatus.PENDING && subscriber.lastConfirmationSentAt() != null
						&& now.isBefore(subscriber.lastConfirmationSentAt().plus(RESEND_AFTER))) {
					return;
				}
				String confirmToken = Tokens.newToken();
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
				sendConfirmation(email, chosenFrequency, confirmToken);
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
		return this.subscribers.findByManageToken(Tokens.hash(token), this.clock.instant())
			.flatMap(subscriber -> (subscriber.status() == SubscriptionStatus.UNSUBSCRIBED) ? Optional.of(subscriber)
					: this.subscribers.update(subscriber.id(),
							new Update().set("status", SubscriptionStatus.UNSUBSCRIBED)
								.set("unsubscribedAt", this.clock.instant())
								.unset("confirmTokenHash")))
			.map(SubscriptionService::preferencesOf);
	}

	/**
	 * A new management link for a subscriber (every digest carries one), valid for
	 * {@code manageLinksValidFor}; the links mailed before keep working.
	 */
	public String newManageToken(String subscriberId) {
		String token = Tokens.newToken();
		this.subscribers.addManageLink(subscriberId, new Subscriber.ManageLink(Tokens.hash(token),
				this.clock.instant().plus(this.properties.manageLinksValidFor())), null);
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

	private void sendConfirmation(String email, Frequency frequency, String confirmToken) {
		Map<String, Object> model = new HashMap<>();
		model.put("email", email);
		model.put("frequencyName", (frequency == Frequency.DAILY) ? "每日" : "每周");
		model.put("validHours", this.properties.confirmationValidFor().toHours());
		model.put("confirmUrl", this.properties.link("/subscriptions/confirm?token=" + confirmToken));
		sendQuietly("confirm", email, "请确认订阅 AccessPath AI 资讯", model);
	}

	/**
	 * The subscription is stored either way; a mail that cannot go out now is logged (the
	 * reader can ask again).
	 */
	private void sendQuietly(String template, String to, String subject, Map<String, ?> model) {
		Mailer.Email email = new Mailer.Email(to, subject, this.templates.render(template + ".html", model),
				this.templates.render(template + ".txt", model), Map.of());
		this.queued.incrementAndGet();
		this.outbox.submit(() -> {
			try {
				this.mailer.send(email);
			}
			catch (RuntimeException ex) {
				log.warn("Could not send '{}' to a subscriber: {}", template, ex.getMessage());
			}
			finally {
				this.queued.decrementAndGet();
			}
		});
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
