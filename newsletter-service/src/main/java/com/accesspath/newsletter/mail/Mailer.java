package com.accesspath.newsletter.mail;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.config.NewsletterProperties;

/**
 * Sends email through the configured SMTP server: at most {@code send-rate-per-second}, with retries and backoff for
 * temporary failures (a connection refused, a 4xx reply). Wrong addresses or credentials are not retried.
 */
@Component
public class Mailer {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);

	static final Duration[] BACKOFF = { Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(3) };

	public record Email(String to, String subject, String html, String text, Map<String, String> headers) {
	}

	private final JavaMailSender sender;

	private final NewsletterProperties properties;

	private final long minimumIntervalNanos;

	private long nextSendAt;

	private final Counter sent;

	private final Counter failed;

	Mailer(JavaMailSender sender, NewsletterProperties properties, MeterRegistry meters) {
		this.sender = sender;
		this.properties = properties;
		this.minimumIntervalNanos = 1_000_000_000L / Math.max(1, properties.sendRatePerSecond());
		this.sent = meters.counter("newsletter.mail", "outcome", "sent");
		this.failed = meters.counter("newsletter.mail", "outcome", "failed");
	}

	/** Sends, retrying temporary failures; throws when the message could not be handed over. */
	public void send(Email email) {
		MailException last = null;
		for (int attempt = 0; attempt <= BACKOFF.length; attempt++) {
			if (attempt > 0) {
				sleep(BACKOFF[attempt - 1]);
			}
			throttle();
			try {
				this.sender.send(message(email));
				this.sent.increment();
				return;
			}
			catch (MailParseException | MailAuthenticationException ex) {
				this.failed.increment();
				throw ex;
			}
			catch (MailException ex) {
				last = ex;
				log.warn("Sending to {} failed (attempt {}): {}", email.to(), attempt + 1, ex.getMessage());
			}
		}
		this.failed.increment();
		throw last;
	}

	private MimeMessage message(Email email) {
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.properties.from());
			helper.setTo(email.to());
			helper.setSubject(email.subject());
			helper.setText(email.text(), email.html());
			for (Map.Entry<String, String> header : email.headers().entrySet()) {
				message.setHeader(header.getKey(), header.getValue());
			}
		}
		catch (MessagingException ex) {
			throw new MailParseException(ex);
		}
		return message;
	}

	/** A simple pacing limiter: one message per interval, shared by all threads of this replica. */
	private void throttle() {
		long waitNanos;
		synchronized (this) {
			long now = System.nanoTime();
			long slot = Math.max(now, this.nextSendAt);
			this.nextSendAt = slot + this.minimumIntervalNanos;
			waitNanos = slot - now;
		}
		if (waitNanos > 0) {
			sleep(Duration.ofNanos(waitNanos));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
