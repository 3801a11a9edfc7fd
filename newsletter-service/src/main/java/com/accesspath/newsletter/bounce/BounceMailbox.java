package com.accesspath.newsletter.bounce;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Reads the bounce address's mailbox (IMAP or POP3) every {@code pollEvery}, on a thread
 * of its own: a slow or unreachable mail server holds neither start-up nor the other
 * schedules, and is logged, not fatal. Each message is trusted only when it was delivered
 * to a VERP address whose tag the outbox knows: the recipient comes from the outbox,
 * never from the bounce's text, so a forged bounce suppresses nobody. Every message read
 * is deleted, the untrusted and unreadable ones too; those not handled because MongoDB
 * was unreachable stay for the next poll. Replicas may poll the same mailbox: a bounce
 * read by two counts once ({@link Suppressions}).
 */
@Component
class BounceMailbox implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

	static final String SOURCE = "mailbox";

	/**
	 * Headers naming the address a message was delivered to, most reliable first (set by
	 * the receiving server; {@code To} only by the sender).
	 */
	static final List<String> DELIVERY_HEADERS = List.of("Delivered-To", "X-Original-To", "Envelope-To", "To");

	/** Messages read per poll at most: a flood is worked off over several polls. */
	static final int MESSAGES_PER_POLL = 500;

	private final BounceProperties properties;

	private final BounceAddresses addresses;

	private final OutboxRecipients outbox;

	private final Suppressions suppressions;

	private final MeterRegistry meters;

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean reachable = true;

	BounceMailbox(BounceProperties properties, BounceAddresses addresses, OutboxRecipients outbox,
			Suppressions suppressions, MeterRegistry meters) {
		this.properties = properties;
		this.addresses = addresses;
		this.outbox = outbox;
		this.suppressions = suppressions;
		this.meters = meters;
	}

	@Override
	public void start() {
		if (!this.properties.readsMailbox()) {
			return;
		}
		if (!this.properties.verp()) {
			log.warn("accesspath.newsletter.bounces.mailbox is set but return-path is not: mails carry no tag, "
					+ "so every bounce read will be dropped as untrusted");
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "bounce-mailbox");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.properties.pollEvery().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null) {
			running.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void pollQuietly() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			log.warn("Reading bounces failed; trying again in {}", this.properties.pollEvery(), ex);
		}
	}

	/**
	 * Reads and deletes up to {@value #MESSAGES_PER_POLL} messages; the number read, or
	 * -1 when the mailbox could not be reached.
	 */
	int poll() {
		URLName url = new URLName(this.properties.mailbox());
		Session session = Session.getInstance(timeouts(url.getProtocol()));
		int read = 0;
		try (Store store = session.getStore(url)) {
			store.connect();
			Folder folder = store
				.getFolder((url.getFile() != null && !url.getFile().isEmpty()) ? url.getFile() : "INBOX");
			folder.open(Folder.READ_WRITE);
			try {
				int count = Math.min(folder.getMessageCount(), MESSAGES_PER_POLL);
				for (int i = 1; i <= count; i++) {
					Message message = folder.getMessage(i);
					if (!handle(message)) {
						break;
					}
					message.setFlag(Flags.Flag.DELETED, true);
					read++;
				}
			}
			finally {
				// Expunges (IMAP) or deletes (POP3) what was handled.
				folder.close(true);
			}
			if (!this.reachable) {
				log.info("The bounce mailbox {} is reachable again", where(url));
				this.reachable = true;
			}
			return read;
		}
		catch (MessagingException ex) {
			if (this.reachable) {
				log.warn("The bounce mailbox {} cannot be read ({}); trying again every {}", where(url),
						ex.getMessage(), this.properties.pollEvery());
				this.reachable = false;
			}
			return (read > 0) ? read : -1;
		}
	}

	/**
	 * Applies one message; false when it could not be handled now (MongoDB unreachable)
	 * and must stay for the next poll.
	 */
	private boolean handle(Message message) {
		try {
			Optional<String> tag = tagOf(message);
			if (tag.isEmpty()) {
				return dropped("untagged");
			}
			Optional<String> recipient = this.outbox.recipientOf(tag.get());
			if (recipient.isEmpty()) {
				return dropped("unknown-tag");
			}
			Optional<DeliveryReports.Report> report = DeliveryReports.read(message);
			if (report.isEmpty()) {
				return dropped("not-a-report");
			}
			this.suppressions
				.apply(new Bounce(recipient.get(), report.get().kind(), tag.get(), SOURCE, report.get().detail()));
			return true;
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			if (ex instanceof DataAccessException) {
				log.warn("Bounces wait in the mailbox until MongoDB answers again: {}", ex.getMessage());
				return false;
			}
			log.debug("An unreadable message in the bounce mailbox is dropped", ex);
			return dropped("unreadable");
		}
	}

	private boolean dropped(String why) {
		this.meters.counter("newsletter.bounces.dropped", "source", SOURCE, "why", why).increment();
		return true;
	}

	private Optional<String> tagOf(Message message) throws MessagingException {
		for (String header : DELIVERY_HEADERS) {
			String[] values = message.getHeader(header);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				for (String address : addressesIn(value)) {
					Optional<String> tag = this.addresses.tagOf(address);
					if (tag.isPresent()) {
						return tag;
					}
				}
			}
		}
		return Optional.empty();
	}

	private static List<String> addressesIn(String header) {
		try {
			Address[] parsed = InternetAddress.parseHeader(header, false);
			return Arrays.stream(parsed)
				.filter(InternetAddress.class::isInstance)
				.map(address -> ((InternetAddress) address).getAddress())
				.toList();
		}
		catch (AddressException ex) {
			return List.of();
		}
	}

	private static Properties timeouts(String protocol) {
		Properties timeouts = new Properties();
		timeouts.put("mail." + protocol + ".connectiontimeout", "10000");
		timeouts.put("mail." + protocol + ".timeout", "30000");
		return timeouts;
	}

	/** The mailbox without its credentials, for logs. */
	private static String where(URLName url) {
		return url.getProtocol() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

}
