package com.accesspath.newsletter.mail;

import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.config.NewsletterProperties;

/**
 * Sends email through the configured SMTP server, paced for all replicas together
 * ({@link MailPacing}), with the registry's retry {@value #RETRY}
 * ({@code resilience4j.retry.instances.smtp}: backoff for temporary failures such as a
 * connection refused or a 4xx reply; wrong addresses or credentials are not retried).
 */
@Component
public class Mailer {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);

	static final String RETRY = "smtp";

	public record Email(String to, String subject, String html, String text, Map<String, String> headers) {
	}

	private final JavaMailSender sender;

	private final NewsletterProperties properties;

	private final MailPacing pacing;

	private final Retry retry;

	private final Counter sent;

	private final Counter failed;

	Mailer(JavaMailSender sender, NewsletterProperties properties, MailPacing pacing, RetryRegistry retries,
			MeterRegistry meters) {
		this.sender = sender;
		this.properties = properties;
		this.pacing = pacing;
		this.retry = retries.retry(RETRY);
		this.sent = meters.counter("newsletter.mail", "outcome", "sent");
		this.failed = meters.counter("newsletter.mail", "outcome", "failed");
	}

	/**
	 * Sends, retrying temporary failures; throws when the message could not be handed
	 * over.
	 */
	public void send(Email email) {
		MimeMessage message = message(email);
		try {
			this.retry.executeRunnable(() -> {
				this.pacing.acquire();
				try {
					this.sender.send(message);
				}
				catch (MailException ex) {
					log.warn("Sending to {} failed: {}", email.to(), ex.getMessage());
					throw ex;
				}
			});
			this.sent.increment();
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			throw ex;
		}
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

}
