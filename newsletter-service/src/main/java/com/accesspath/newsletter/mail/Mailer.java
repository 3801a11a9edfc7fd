package com.accesspath.newsletter.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.bounce.BounceAddresses;
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

	/**
	 * @param tag the outbox's tag of this mail (its Message-ID is made from it), or null
	 */
	public record Email(String to, String subject, String html, String text, Map<String, String> headers, String tag) {

		public Email(String to, String subject, String html, String text, Map<String, String> headers) {
			this(to, subject, html, text, headers, null);
		}

		public Email tagged(String tag) {
			return new Email(this.to, this.subject, this.html, this.text, this.headers, tag);
		}

	}

	private final JavaMailSenderImpl sender;

	private final NewsletterProperties properties;

	private final MailPacing pacing;

	private final Retry retry;

	private final Counter sent;

	private final Counter failed;

	private final BounceAddresses bounces;

	public Mailer(JavaMailSenderImpl sender, NewsletterProperties properties, MailPacing pacing, RetryRegistry retries,
			MeterRegistry meters, BounceAddresses bounces) {
		this.bounces = bounces;
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
					// A 5xx is not tried again: every try would cost a permit of the
					// shared rate, and a sender's reputation.
					throw isPermanent(ex) ? new PermanentMailFailure(ex) : ex;
				}
			});
			this.sent.increment();
		}
		catch (PermanentMailFailure ex) {
			this.failed.increment();
			throw ex.refusal();
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			throw ex;
		}
	}

	/**
	 * The Message-ID of the mail with this outbox tag: made from the tag, but not the tag
	 * (which is the mail's bounce address: whoever sees a forwarded mail's headers must
	 * not be able to forge its bounce).
	 */
	public static String messageIdOf(String tag) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("message-id:" + tag).getBytes(StandardCharsets.US_ASCII));
			return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@newsletter.accesspath>";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether the SMTP server refused the mail for good (a 5xx reply, an address that is
	 * no address): sending it again cannot help.
	 */
	public static boolean isPermanent(MailException failure) {
		if (failure instanceof MailParseException) {
			return true;
		}
		Deque<Throwable> causes = new ArrayDeque<>();
		causes.add(failure);
		if (failure instanceof MailSendException send) {
			causes.addAll(send.getFailedMessages().values());
		}
		for (int seen = 0; !causes.isEmpty() && seen < 20; seen++) {
			Throwable cause = causes.poll();
			if (cause instanceof AddressException && !(cause instanceof SMTPAddressFailedException)) {
				return true;
			}
			if (cause instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500
					|| cause instanceof SMTPSendFailedException failed && failed.getReturnCode() >= 500) {
				return true;
			}
			if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
				causes.add(messaging.getNextException());
			}
			if (cause.getCause() != null && cause.getCause() != cause) {
				causes.add(cause.getCause());
			}
		}
		return false;
	}

	private MimeMessage message(Email email) {
		MimeMessage message;
		if (email.tag() != null) {
			TaggedMessage tagged = new TaggedMessage(this.sender.getSession(), email.tag());
			// VERP: a bounce comes back to an address naming this very mail.
			this.bounces.returnPathFor(email.tag()).ifPresent(tagged::setEnvelopeFrom);
			message = tagged;
		}
		else {
			message = this.sender.createMimeMessage();
		}
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

	/**
	 * A mail whose Message-ID is made from its outbox tag: the same mail sent again (a
	 * sender that died after handing it over) is recognisably the same to mail clients.
	 */
	private static final class TaggedMessage extends SMTPMessage {

		private final String tag;

		TaggedMessage(Session session, String tag) {
			super(session);
			this.tag = tag;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageIdOf(this.tag));
		}

	}

}
