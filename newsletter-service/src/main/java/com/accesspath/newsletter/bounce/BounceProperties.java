package com.accesspath.newsletter.bounce;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How bounces and complaints come back.
 *
 * @param returnPath the bounce address, e.g. {@code bounces@accesspath.local}: each mail
 * is sent with the envelope sender {@code bounces+<tag>@accesspath.local} (VERP), so a
 * bounce names the mail it answers; empty means no VERP
 * @param mailbox where bounces to that address arrive, a jakarta.mail URL
 * ({@code imaps://user:password@host/INBOX}, {@code pop3s://user:password@host}); empty
 * means nobody reads it
 * @param pollEvery how often the mailbox is read
 * @param webhookSecret the bearer secret providers send to {@code POST
 * /api/subscriptions/bounces}; empty means the endpoint does not exist (404)
 * @param softBounceLimit soft bounces of this many different mails within
 * {@code softBounceWindow} suppress an address
 * @param softBounceWindow how long soft bounces count, from the first one counted
 */
@Validated
@ConfigurationProperties("accesspath.newsletter.bounces")
public record BounceProperties(
		@NotNull @DefaultValue("") @Pattern(regexp = "|[^@+\\s]+@[^@\\s]+\\.[^@\\s]+",
				message = "must be empty or an address like bounces@example.com, without '+'") String returnPath,
		@NotNull @DefaultValue("") @Pattern(regexp = "|(imap|imaps|pop3|pop3s)://\\S+",
				message = "must be empty or an imap, imaps, pop3 or pop3s URL") String mailbox,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration pollEvery,
		@NotNull @DefaultValue("") @Pattern(regexp = "|\\S{16,}",
				message = "must be empty or at least 16 characters without spaces") String webhookSecret,
		@Positive @Max(100) @DefaultValue("3") int softBounceLimit,
		@NotNull @DurationMin(hours = 1) @DefaultValue("14d") Duration softBounceWindow) {

	boolean verp() {
		return !this.returnPath.isEmpty();
	}

	boolean readsMailbox() {
		return !this.mailbox.isEmpty();
	}

	boolean webhookEnabled() {
		return !this.webhookSecret.isEmpty();
	}

}
