package com.accesspath.newsletter.digest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.mail.MailTemplates;
import com.accesspath.newsletter.mail.Mailer;
import com.accesspath.newsletter.outbox.MailComposer;
import com.accesspath.newsletter.outbox.OutboxMail;
import com.accesspath.newsletter.subscription.DigestState;
import com.accesspath.newsletter.subscription.Subscriber;
import com.accesspath.newsletter.subscription.SubscriberRepository;
import com.accesspath.newsletter.subscription.SubscriptionService;
import com.accesspath.newsletter.subscription.SubscriptionStatus;

/**
 * A subscriber's digest, made when the outbox sends it: the run's stored content for
 * their topics, tracked links, and a management link of its own (so an unsubscribe with
 * it is counted for the run). Someone who unsubscribed since being queued is skipped.
 */
@Component
class DigestMail implements MailComposer {

	private final SubscriberRepository subscribers;

	private final SubscriptionService subscriptions;

	private final DigestContents contents;

	private final DigestLinks links;

	private final DigestRuns runs;

	private final DigestRunner runner;

	private final MailTemplates templates;

	DigestMail(SubscriberRepository subscribers, SubscriptionService subscriptions, DigestContents contents,
			DigestLinks links, DigestRuns runs, DigestRunner runner, MailTemplates templates) {
		this.runner = runner;
		this.subscribers = subscribers;
		this.subscriptions = subscriptions;
		this.contents = contents;
		this.links = links;
		this.runs = runs;
		this.templates = templates;
	}

	@Override
	public Set<OutboxMail.Kind> kinds() {
		return Set.of(OutboxMail.Kind.DIGEST);
	}

	@Override
	public Optional<Mailer.Email> compose(OutboxMail mail) {
		Optional<Subscriber> subscriber = this.subscribers.findById(mail.subscriberId())
			.filter(found -> found.status() == SubscriptionStatus.CONFIRMED);
		if (subscriber.isEmpty()) {
			return Optional.empty();
		}
		String runId = mail.runId();
		// Made now when the reader chose other topics since being queued: they get the
		// run's digest of their new choice.
		DigestContents.Content content = this.contents.find(DigestContents.id(runId, subscriber.get().topics()))
			.orElseGet(() -> this.runner.storeContent(runId, subscriber.get().topics()));
		String manageToken = this.subscriptions.newManageToken(subscriber.get().id(), runId);
		Map<String, Object> model = new HashMap<>();
		model.put("title", content.title());
		model.put("hasArticles", !content.articles().isEmpty());
		model.put("articles", content.articles()
			.stream()
			.map(a -> Map.of("title", a.title(), "summary", a.summary(), "url", this.links.track(runId, a.url())))
			.toList());
		model.put("hasHot", !content.hot().isEmpty());
		model.put("hot",
				content.hot()
					.stream()
					.map(h -> Map.of("rank", h.rank(), "title", h.title(), "views", h.views(), "url",
							this.links.track(runId, h.url())))
					.toList());
		model.put("preferencesUrl", this.subscriptions.preferencesUrl(manageToken));
		model.put("unsubscribeUrl", this.subscriptions.unsubscribeUrl(manageToken));
		Map<String, String> headers = new LinkedHashMap<>();
		// RFC 2369 and RFC 8058: mail clients offer one-click unsubscribe by POSTing to
		// this address.
		headers.put("List-Unsubscribe", "<" + this.subscriptions.unsubscribeApiUrl(manageToken) + ">");
		headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		return Optional.of(new Mailer.Email(mail.to(), content.title(), this.templates.render("digest.html", model),
				this.templates.render("digest.txt", model), headers));
	}

	@Override
	public void settled(OutboxMail mail, OutboxMail.State state) {
		DigestState digest = switch (state) {
			case SENT -> DigestState.SENT;
			case FAILED -> DigestState.FAILED;
			default -> DigestState.SKIPPED;
		};
		this.subscribers.markDigest(mail.subscriberId(), mail.runId(), digest);
		// The last mail and the end of queuing each check after their own write:
		// whichever comes second sees both.
		this.runs.count(mail.runId(), switch (digest) {
			case SENT -> "sent";
			case FAILED -> "failed";
			default -> "skipped";
		}).filter(DigestRun::allSettled).ifPresent(run -> this.runner.finishIfSettled(run.id()));
	}

	@EventListener
	void unsubscribed(SubscriptionService.Unsubscribed event) {
		if (event.runId() != null) {
			this.runs.countUnsubscribe(event.runId());
		}
	}

}
