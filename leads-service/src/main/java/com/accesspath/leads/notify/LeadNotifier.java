package com.accesspath.leads.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadRepository;
import com.accesspath.leads.lead.NotificationState;

/**
 * Tells sales about a new lead on the WeCom group robot, never on the request's thread:
 * the lead is stored first with its notification PENDING, then delivered in the
 * background. A failing or hanging webhook only delays the message: the next attempt's
 * time is stored with the lead (backoff from {@code accesspath.leads.notification.*}, so
 * the schedule survives restarts) and a scheduler on any replica picks up what is due.
 * The call goes through the {@code wecom} circuit breaker; while it is open no attempt is
 * spent.
 */
@Component
public class LeadNotifier implements DisposableBean {

	static final String WECOM = "wecom";

	private static final Logger log = LoggerFactory.getLogger(LeadNotifier.class);

	private final LeadRepository leads;

	private final LeadsProperties properties;

	private final LeadsProperties.Notification settings;

	private final Clock clock;

	private final WeComWebhook webhook;

	private final CircuitBreaker breaker;

	private final Fallbacks fallbacks;

	private final IntervalFunction backoff;

	private final ExecutorService background = Executors.newFixedThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "lead-notifier");
		thread.setDaemon(true);
		return thread;
	});

	private final Counter sent;

	private final Counter failed;

	LeadNotifier(LeadRepository leads, LeadsProperties properties, Clock clock, WeComWebhook webhook,
			CircuitBreakerRegistry breakers, Fallbacks fallbacks, MeterRegistry meters) {
		this.leads = leads;
		this.properties = properties;
		this.settings = properties.notification();
		this.clock = clock;
		this.webhook = webhook;
		this.breaker = breakers.circuitBreaker(WECOM);
		this.fallbacks = fallbacks;
		this.backoff = IntervalFunction.ofExponentialBackoff(this.settings.firstBackoff(),
				this.settings.backoffMultiplier(), this.settings.maxBackoff());
		this.sent = meters.counter("leads.notifications", "outcome", "sent");
		this.failed = meters.counter("leads.notifications", "outcome", "failed");
		Gauge
			.builder("leads.notifications.undelivered", leads,
					repository -> repository.countNotifications(NotificationState.PENDING))
			.register(meters);
	}

	/** Whether a WeCom webhook is configured. */
	public boolean isEnabled() {
		return this.properties.notificationsEnabled();
	}

	/** Queues a delivery attempt; returns at once. */
	public void deliverSoon(String leadId) {
		this.background.submit(() -> deliver(leadId));
	}

	@Scheduled(fixedDelayString = "${accesspath.leads.notification.retry-interval}", initialDelayString = "5s")
	public void deliverDue() {
		if (!this.properties.notificationsEnabled()) {
			return;
		}
		try {
			this.leads.findNotificationsDue(this.clock.instant(), this.settings.batchSize())
				.forEach(lead -> deliver(lead.id()));
		}
		catch (RuntimeException ex) {
			log.warn("Notification retry postponed: {}", ex.getMessage());
		}
	}

	void deliver(String leadId) {
		Instant now = this.clock.instant();
		Lead lead = this.leads.claimNotification(leadId, now, now.plus(this.settings.lease())).orElse(null);
		if (lead == null) {
			return;
		}
		int attempts = lead.notification().attempts();
		try {
			this.breaker.executeRunnable(() -> send(lead));
		}
		catch (CallNotPermittedException ex) {
			// WeCom was not called: wait as after the last failure, without spending an
			// attempt.
			this.fallbacks.degraded(WECOM, "lead notifications wait for their next attempt", ex);
			this.leads.update(leadId,
					new Update().set("notification.nextAttemptAt", now.plus(backoffAfter(Math.max(1, attempts)))));
			return;
		}
		catch (RuntimeException ex) {
			fail(leadId, attempts + 1, ex);
			return;
		}
		// Unless a consultation armed the notification again meanwhile: then it stays
		// due.
		this.leads.markNotificationSent(leadId, lead.notification().nextAttemptAt(), attempts + 1);
		this.sent.increment();
		this.fallbacks.recovered(WECOM);
	}

	/**
	 * Sends a one-off message (a reminder) through the breaker; false when WeCom is off,
	 * down or refused it, so the caller can try again later.
	 */
	public boolean sendNow(WeComMessage message) {
		if (!this.properties.notificationsEnabled()) {
			return false;
		}
		try {
			this.breaker.executeRunnable(() -> {
				WeComWebhook.Answer answer = this.webhook.send(this.properties.wecomWebhookUrl(), message);
				if (answer != null && !answer.accepted()) {
					throw new IllegalStateException("WeCom answered errcode " + answer.errcode());
				}
			});
			this.sent.increment();
			return true;
		}
		catch (RuntimeException ex) {
			this.fallbacks.degraded(WECOM, "reminders retried at the next check", ex);
			return false;
		}
	}

	private void send(Lead lead) {
		WeComWebhook.Answer answer = this.webhook.send(this.properties.wecomWebhookUrl(), WeComMessage.of(lead));
		if (answer != null && !answer.accepted()) {
			throw new IllegalStateException("WeCom answered errcode " + answer.errcode());
		}
	}

	private void fail(String leadId, int attempt, RuntimeException ex) {
		this.failed.increment();
		boolean giveUp = attempt >= this.settings.maxAttempts();
		this.fallbacks.degraded(WECOM, "lead notifications retried later with backoff", ex);
		if (giveUp) {
			log.warn("WeCom notification for lead {} given up after {} attempts: {}", leadId, attempt, ex.getMessage());
		}
		this.leads.update(leadId,
				new Update().set("notification.state", giveUp ? NotificationState.FAILED : NotificationState.PENDING)
					.set("notification.attempts", attempt)
					.set("notification.nextAttemptAt", this.clock.instant().plus(backoffAfter(attempt)))
					.set("notification.lastError", String.valueOf(ex.getMessage())));
	}

	/** The wait after the given failed attempt (1, 2, …). */
	Duration backoffAfter(int attempt) {
		return Duration.ofMillis(this.backoff.apply(attempt));
	}

	/**
	 * Lets deliveries under way finish; what does not finish in time stays due for the
	 * scheduler of any replica.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.background.shutdown();
		if (!this.background.awaitTermination(this.settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
			this.background.shutdownNow();
		}
	}

}
