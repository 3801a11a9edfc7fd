package com.accesspath.newsletter.subscription;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.mail.MailTemplates;
import com.accesspath.newsletter.mail.Mailer;
import com.accesspath.newsletter.outbox.MailComposer;
import com.accesspath.newsletter.outbox.OutboxMail;

/**
 * The subscription's mails, made when the outbox sends them, and only while what caused
 * them still holds: a confirmation whose link is still the subscriber's, an "already
 * subscribed" note whose claim was stored.
 */
@Component
class SubscriptionMails implements MailComposer {

	private final SubscriberRepository subscribers;

	private final SubscriptionService subscriptions;

	private final MailTemplates templates;

	private final NewsletterProperties properties;

	SubscriptionMails(SubscriberRepository subscribers, SubscriptionService subscriptions, MailTemplates templates,
			NewsletterProperties properties) {
		this.subscribers = subscribers;
		this.subscriptions = subscriptions;
		this.templates = templates;
		this.properties = properties;
	}

	/**
	 * The outbox key of the "already subscribed" mail claimed at {@code claimedAt}: the
	 * claim's time in it tells the composer whether the claim was stored.
	 */
	static String alreadySubscribedKey(String subscriberId, Instant claimedAt) {
		return "already-subscribed:" + subscriberId + ":" + claimedAt.toEpochMilli();
	}

	@Override
	public Set<OutboxMail.Kind> kinds() {
		return Set.of(OutboxMail.Kind.CONFIRMATION, OutboxMail.Kind.ALREADY_SUBSCRIBED);
	}

	@Override
	public Optional<Mailer.Email> compose(OutboxMail mail) {
		Optional<Subscriber> subscriber = this.subscribers.findById(mail.subscriberId());
		return switch (mail.kind()) {
			case CONFIRMATION -> subscriber
				.filter(found -> found.status() == SubscriptionStatus.PENDING && mail.token() != null
						&& Tokens.hash(mail.token()).equals(found.confirmTokenHash()))
				.map(found -> confirmation(found, mail.token()));
			case ALREADY_SUBSCRIBED -> subscriber
				.filter(found -> found.status() == SubscriptionStatus.CONFIRMED
						&& found.alreadySubscribedMailedAt() != null
						&& mail.key().equals(alreadySubscribedKey(found.id(), found.alreadySubscribedMailedAt())))
				.map(this::alreadySubscribed);
			default -> throw new IllegalArgumentException("Not a subscription mail: " + mail.kind());
		};
	}

	private Mailer.Email confirmation(Subscriber subscriber, String token) {
		Map<String, Object> model = new HashMap<>();
		model.put("email", subscriber.email());
		model.put("frequencyName", (subscriber.frequency() == Frequency.DAILY) ? "每日" : "每周");
		model.put("validHours", this.properties.confirmationValidFor().toHours());
		model.put("confirmUrl", this.properties.link("/subscriptions/confirm?token=" + token));
		return email("confirm", subscriber.email(), "请确认订阅 AccessPath AI 资讯", model);
	}

	private Mailer.Email alreadySubscribed(Subscriber subscriber) {
		String manageToken = this.subscriptions.newManageToken(subscriber.id(), null);
		return email("already-subscribed", subscriber.email(), "您已订阅 AccessPath AI 资讯",
				Map.of("email", subscriber.email(), "preferencesUrl", this.subscriptions.preferencesUrl(manageToken)));
	}

	private Mailer.Email email(String template, String to, String subject, Map<String, ?> model) {
		return new Mailer.Email(to, subject, this.templates.render(template + ".html", model),
				this.templates.render(template + ".txt", model), Map.of());
	}

}
