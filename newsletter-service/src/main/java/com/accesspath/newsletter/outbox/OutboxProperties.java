package com.accesspath.newsletter.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param senders threads per replica sending the outbox's mails (all replicas together
 * still keep to {@code send-rate-per-second})
 * @param lease how long a claimed mail is a sender's alone; a sender that died sending
 * leaves it to another after this
 * @param pollEvery how often an idle sender looks for due mails written by other replicas
 * @param hold how long a mail written before its cause waits for that cause to be stored
 * (then it is sent, or dropped when the cause never happened)
 * @param firstRetry the wait after a failed send; doubled each time
 * @param maxAttempts sends tried before a mail is given up as failed
 * @param keepSettled how long sent and failed mails stay (late bounces still find their
 * recipient)
 */
@Validated
@ConfigurationProperties("accesspath.newsletter.outbox")
public record OutboxProperties(@Min(1) @Max(32) @DefaultValue("2") int senders,
		@NotNull @DurationMin(seconds = 10) @DefaultValue("5m") Duration lease,
		@NotNull @DurationMin(millis = 50) @DefaultValue("1s") Duration pollEvery,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration hold,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration firstRetry,
		@Min(1) @Max(20) @DefaultValue("8") int maxAttempts,
		@NotNull @DurationMin(days = 1) @DefaultValue("30d") Duration keepSettled) {

	/**
	 * The wait before the next attempt after {@code attempts} failed ones (at most a
	 * day).
	 */
	Duration retryAfter(int attempts) {
		Duration wait = this.firstRetry.multipliedBy(1L << Math.min(attempts - 1, 20));
		return (wait.compareTo(Duration.ofDays(1)) > 0) ? Duration.ofDays(1) : wait;
	}

}
