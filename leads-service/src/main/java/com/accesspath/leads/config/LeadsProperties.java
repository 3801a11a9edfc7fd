package com.accesspath.leads.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of leads-service ({@code accesspath.leads.*}), checked at start-up: a wrong
 * value stops the service rather than letting it run with a schedule or limit nobody
 * meant.
 *
 * @param privacyTextVersion the version of the privacy text visitors consent to (stored
 * with every consent)
 * @param duplicateWindow a person submitting again within this window is linked to their
 * open lead
 * @param wecomWebhookUrl WeCom group robot webhook for new leads; notifications are off
 * when unset (the call's time limits are {@code spring.http.serviceclient.wecom.*}, its
 * breaker {@code resilience4j.circuitbreaker.instances.wecom})
 * @param percentileMinimum fewer earlier diagnoses in an industry than this give no
 * percentile
 * @param reconcileInterval how often diagnoses stored without their lead are linked (read
 * by {@code @Scheduled})
 * @param notification delivery of WeCom notifications
 * @param idempotency how long {@code Idempotency-Key}s are kept and held
 */
@Validated
@ConfigurationProperties("accesspath.leads")
public record LeadsProperties(@DefaultValue("2026-01") @NotBlank String privacyTextVersion,
		@DefaultValue("90d") @NotNull @DurationMin(days = 1) Duration duplicateWindow, URI wecomWebhookUrl,
		@DefaultValue("5") @PositiveOrZero int percentileMinimum,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration reconcileInterval,
		@DefaultValue @NotNull @Valid Notification notification,
		@DefaultValue @NotNull @Valid Idempotency idempotency) {

	public boolean notificationsEnabled() {
		return this.wecomWebhookUrl != null && !this.wecomWebhookUrl.toString().isBlank();
	}

	/**
	 * Notifications are attempted at once and then, after a failure, again after
	 * {@code firstBackoff}, growing by {@code backoffMultiplier} up to
	 * {@code maxBackoff}; the next attempt's time is stored with the lead, so the
	 * schedule survives restarts.
	 *
	 * @param retryInterval how often a replica looks for notifications that are due (read
	 * by {@code @Scheduled})
	 * @param maxAttempts attempts before a notification is given up as FAILED
	 * @param firstBackoff wait after the first failed attempt
	 * @param backoffMultiplier growth of the wait per further failed attempt
	 * @param maxBackoff the longest wait between two attempts
	 * @param lease how long one replica holds a notification it is delivering
	 * @param batchSize notifications delivered per scheduled run
	 * @param shutdownGrace how long a stopping service waits for deliveries under way
	 * (the rest stay due)
	 */
	public record Notification(@DefaultValue("10s") @NotNull @DurationMin(seconds = 1) Duration retryInterval,
			@DefaultValue("12") @Positive int maxAttempts,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration firstBackoff,
			@DefaultValue("2") @DecimalMin("1.0") double backoffMultiplier,
			@DefaultValue("30m") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
			@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration lease,
			@DefaultValue("20") @Positive int batchSize, @DefaultValue("5s") @NotNull Duration shutdownGrace) {
	}

	/**
	 * @param retention how long a key is remembered (a replay within it gets the first
	 * answer); a TTL index removes it afterwards
	 * @param lease how long a request holds a key it claimed; a claim older than this
	 * (its request crashed) may be taken over by a replay
	 * @param retryAfter the {@code Retry-After} of the 409 a replay gets while the first
	 * request is still running
	 */
	public record Idempotency(@DefaultValue("24h") @NotNull @DurationMin(minutes = 1) Duration retention,
			@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration lease,
			@DefaultValue("1s") @NotNull @DurationMin(seconds = 1) Duration retryAfter) {
	}

}
