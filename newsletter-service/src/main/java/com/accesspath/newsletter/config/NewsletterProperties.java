package com.accesspath.newsletter.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param publicBaseUrl where readers reach the site (links in emails point there)
 * @param from sender address of every email
 * @param confirmationValidFor how long a confirmation link works
 * @param sendRatePerSecond emails handed to the SMTP server per second at most, by all
 * replicas together
 * @param tags the tags a subscriber may choose besides category keys (those come from
 * article-service's taxonomy)
 * @param privacyTextVersion the privacy text consented to
 * @param manageLinksValidFor how long a management link (preferences, unsubscribe) in a
 * mail works
 * @param alreadySubscribedEvery at most one "already subscribed" mail to an address per
 * this period, however often it is subscribed again
 * @param digestQueueLease how long the replica queuing a digest run holds it without
 * renewing (it renews every batch); another takes over once it ran out
 * @param digestResumeEvery how often every replica looks for runs whose queuing stopped
 */
@Validated
@ConfigurationProperties("accesspath.newsletter")
public record NewsletterProperties(@NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl,
		@NotBlank @DefaultValue("AccessPath AI 资讯 <newsletter@accesspath.local>") String from,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("48h") Duration confirmationValidFor,
		@Positive @DefaultValue("10") int sendRatePerSecond, @NotNull @DefaultValue List<@NotBlank String> tags,
		@NotBlank @DefaultValue("2026-01") String privacyTextVersion,
		@NotNull @DurationMin(days = 1) @DefaultValue("365d") Duration manageLinksValidFor,
		@NotNull @DefaultValue("24h") Duration alreadySubscribedEvery,
		@NotNull @DurationMin(seconds = 10) @DefaultValue("2m") Duration digestQueueLease,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration digestResumeEvery) {

	public String link(String path) {
		String base = this.publicBaseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
