package com.accesspath.leads.notify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadRepository;

/**
 * Tells sales about a new lead on the WeCom group robot, never on the request's thread: the lead is stored first with
 * its notification PENDING, then delivered in the background. A failing or hanging webhook only delays the message:
 * attempts back off (10 s, 20 s, 40 s … up to 30 min) and a scheduler on any replica picks up what is due.
 */
@Component
public class LeadNotifier implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LeadNotifier.class);

	static final int MAX_ATTEMPTS = 12;

	static final Duration LEASE = Duration.ofSeconds(30);

	private final LeadRepository leads;

	private final LeadsProperties properties;

	private final Clock clock;

	private final RestClient webhook;

	private final ExecutorService background = Executors.newFixedThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "lead-notifier");
		thread.setDaemon(true);
		return thread;
	});

	private final Counter sent;

	private final Counter failed;

	LeadNotifier(LeadRepository leads, LeadsProperties properties, Clock clock, RestClient.Builder restClient,
			MeterRegistry meters) {
		this.leads = leads;
		this.properties = properties;
		this.clock = clock;
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
		requestFactory.setReadTimeout(properties.webhookTimeout());
		this.webhook = restClient.requestFactory(requestFactory).build();
		this.sent = meters.counter("leads.notifications", "outcome", "sent");
		this.failed = meters.counter("leads.notifications", "outcome", "failed");
		Gauge.builder("leads.notifications.undelivered", leads, repository -> repository.countNotifications("PENDING")).register(meters);
	}

	/** Queues a delivery attempt; returns at once. */
	public void deliverSoon(String leadId) {
		this.background.submit(() -> deliver(leadId));
	}

	@Scheduled(fixedDelayString = "${accesspath.leads.notification-retry-interval:10s}", initialDelayString = "5s")
	public void deliverDue() {
		if (!this.properties.notificationsEnabled()) {
			return;
		}
		try {
			this.leads.findNotificationsDue(this.clock.instant(), 20).forEach(lead -> deliver(lead.id()));
		}
		catch (RuntimeException ex) {
			log.warn("Notification retry postponed: {}", ex.getMessage());
		}
	}

	void deliver(String leadId) {
		Instant now = this.clock.instant();
		Lead lead = this.leads.claimNotification(leadId, now, now.plus(LEASE)).orElse(null);
		if (lead == null) {
			return;
		}
		int attempt = lead.notification().attempts() + 1;
		try {
			Map<?, ?> answer = this.webhook.post()
				.uri(this.properties.wecomWebhookUrl())
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("msgtype", "markdown", "markdown", Map.of("content", WeComMessage.of(lead))))
				.retrieve()
				.body(Map.class);
			Object errcode = (answer == null) ? null : answer.get("errcode");
			if (errcode != null && !"0".equals(errcode.toString())) {
				throw new IllegalStateException("WeCom answered errcode " + errcode);
			}
			this.leads.update(leadId, new Update().set("notification.state", "SENT").set("notification.attempts", attempt));
			this.sent.increment();
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			boolean giveUp = attempt >= MAX_ATTEMPTS;
			Duration backoff = Duration.ofSeconds(Math.min(1800, 10L << Math.min(attempt - 1, 10)));
			log.warn("WeCom notification for lead {} failed (attempt {}): {}", leadId, attempt, ex.getMessage());
			this.leads.update(leadId, new Update().set("notification.state", giveUp ? "FAILED" : "PENDING")
				.set("notification.attempts", attempt)
				.set("notification.nextAttemptAt", this.clock.instant().plus(backoff))
				.set("notification.lastError", String.valueOf(ex.getMessage())));
		}
	}

	@Override
	public void destroy() {
		this.background.shutdownNow();
	}

}
