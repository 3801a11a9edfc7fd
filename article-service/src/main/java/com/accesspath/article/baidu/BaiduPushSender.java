package com.accesspath.article.baidu;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientResponseException;

import com.accesspath.article.baidu.BaiduPushClient.Answer;

/**
 * Sends the outbox's due URLs to Baidu, in batches, from every replica: each URL is
 * claimed first, so no two replicas send the same one. Quick retries of one request come
 * from the {@code baidu-push} retry (5xx and connection errors only); a longer outage is
 * the outbox's backoff, up to {@code maxAttempts}. Once Baidu reports no quota left (or
 * says "over quota"), nothing is sent until the next day, Beijing time.
 */
@Component
class BaiduPushSender {

	static final String REMAINING = "baidu.push.remaining";

	private static final Logger log = LoggerFactory.getLogger(BaiduPushSender.class);

	private static final long UNKNOWN = Long.MIN_VALUE;

	private final BaiduPushOutbox outbox;

	private final BaiduPushClient client;

	private final Retry retry;

	private final BaiduPushProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	/** The day's remaining quota as Baidu last reported it to this replica. */
	private final AtomicLong remaining = new AtomicLong(UNKNOWN);

	BaiduPushSender(BaiduPushOutbox outbox, BaiduPushClient client, RetryRegistry retries,
			BaiduPushProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.client = client;
		this.retry = retries.retry(BaiduPushClient.GROUP);
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		Gauge.builder(REMAINING, this.remaining, value -> (value.get() == UNKNOWN) ? Double.NaN : value.get())
			.description("Today's remaining quota of Baidu's URL push, as Baidu last reported it")
			.register(meters);
	}

	@Scheduled(initialDelayString = "${accesspath.baidu-push.initial-delay:30s}",
			fixedDelayString = "${accesspath.baidu-push.interval:1m}")
	void scheduled() {
		try {
			sendDue();
		}
		catch (RuntimeException ex) {
			log.warn("Baidu URL push run failed; the next run tries again: {}", ex.toString());
		}
	}

	/** Sends what is due now; returns how many URLs Baidu took. */
	int sendDue() {
		if (!this.properties.enabled()) {
			return 0;
		}
		int taken = 0;
		while (true) {
			int limit = this.properties.batchSize();
			Integer remain = this.outbox.remainingToday().orElse(null);
			if (remain != null) {
				this.remaining.set(remain);
				if (remain <= 0) {
					return taken;
				}
				limit = Math.min(limit, remain);
			}
			String claim = UUID.randomUUID().toString();
			List<BaiduPush> batch = this.outbox.claim(claim, limit,
					this.clock.instant().plus(this.properties.claimFor()));
			if (batch.isEmpty()) {
				return taken;
			}
			int sent = send(batch);
			if (sent < 0) {
				return taken;
			}
			taken += sent;
		}
	}

	/** Sends one claimed batch; -1 when this run should stop (failure, quota used up). */
	private int send(List<BaiduPush> batch) {
		String urls = batch.stream().map(BaiduPush::url).collect(Collectors.joining("\n"));
		Answer answer;
		try {
			answer = Retry
				.decorateSupplier(this.retry,
						() -> this.client.push(this.properties.site(), this.properties.token(), urls))
				.get();
		}
		catch (RestClientResponseException ex) {
			Answer error = errorAnswer(ex);
			String message = (error != null && error.message() != null) ? error.message()
					: ex.getStatusCode().value() + " " + ex.getStatusText();
			if (message.toLowerCase(Locale.ROOT).contains("over quota")) {
				this.remaining.set(0);
				this.outbox.recordRemaining(0);
				batch.forEach(push -> this.outbox.postpone(push, this.outbox.tomorrow(), message));
				log.info("Baidu URL push: today's quota is used up; {} URL(s) wait for tomorrow", batch.size());
				return -1;
			}
			return failed(batch, "Baidu answered " + ex.getStatusCode().value() + ": " + redacted(message));
		}
		catch (RuntimeException ex) {
			return failed(batch, "Baidu unreachable: " + redacted(String.valueOf(ex.getMessage())));
		}
		if (answer == null || answer.remain() == null) {
			return failed(batch, "Baidu answered without remain: " + answer);
		}
		int remain = answer.remain();
		this.remaining.set(remain);
		this.outbox.recordRemaining(remain);
		Set<String> refused = new HashSet<>(answer.refused());
		int taken = 0;
		for (BaiduPush push : batch) {
			if (refused.contains(push.url())) {
				this.outbox.refused(push, "Baidu refused the URL (not_same_site or not_valid)", remain);
			}
			else {
				this.outbox.done(push, remain);
				taken++;
			}
		}
		return taken;
	}

	private int failed(List<BaiduPush> batch, String error) {
		log.warn("Baidu URL push of {} URL(s) failed: {}", batch.size(), error);
		batch.forEach(push -> this.outbox.attemptFailed(push, error));
		return -1;
	}

	/**
	 * Connection errors name the request URL, and the token is in its query: it must not
	 * reach the logs or the outbox.
	 */
	String redacted(String message) {
		String token = this.properties.token();
		if (token == null || token.isEmpty()) {
			return message;
		}
		return message.replace(token, "***").replace(URLEncoder.encode(token, StandardCharsets.UTF_8), "***");
	}

	private Answer errorAnswer(RestClientResponseException ex) {
		try {
			return this.json.readValue(ex.getResponseBodyAsString(), Answer.class);
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

}
