package com.accesspath.newsletter.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.newsletter.mail.Mailer;
import com.accesspath.newsletter.outbox.OutboxMail.State;

/**
 * Sends the outbox's mails: {@code senders} threads per replica, each taking one due mail
 * at a time for the length of a lease, so any number of replicas share the work and a
 * mail left by a sender that died is taken again once its lease runs out. A failed send
 * is tried again later, waiting twice as long each time; the shared pacing of
 * {@link Mailer} keeps all replicas together within the configured rate.
 * <p>
 * Stopping lets each sender finish the mail in its hands, so a deploy sends nothing
 * twice. Only a sender killed between the SMTP server's acceptance and the settling write
 * (a few milliseconds) leaves a mail that goes out again, under the same Message-ID.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private static final String MONGODB = "mongodb (outbox)";

	static final int BATCH = 50;

	private final Outbox outbox;

	private final Map<OutboxMail.Kind, MailComposer> composers = new EnumMap<>(OutboxMail.Kind.class);

	private final Mailer mailer;

	private final SendGuard guard;

	private final OutboxProperties properties;

	private final Clock clock;

	private final Fallbacks fallbacks;

	private final MeterRegistry meters;

	private final Timer waited;

	private final List<Thread> senders = new ArrayList<>();

	private volatile boolean running;

	/** Set while stopping: senders take no further mail. */
	private volatile boolean stopping;

	OutboxWorker(Outbox outbox, List<MailComposer> composers, Mailer mailer, SendGuard guard,
			OutboxProperties properties, Clock clock, Fallbacks fallbacks, MeterRegistry meters) {
		this.outbox = outbox;
		composers.forEach(composer -> composer.kinds().forEach(kind -> this.composers.put(kind, composer)));
		this.mailer = mailer;
		this.guard = guard;
		this.properties = properties;
		this.clock = clock;
		this.fallbacks = fallbacks;
		this.meters = meters;
		this.waited = Timer.builder("newsletter.outbox.wait")
			.description("From a mail's writing to its settling")
			.register(meters);
		Gauge.builder("newsletter.outbox.pending", outbox, Outbox::pending)
			.description("Mails not settled yet")
			.register(meters);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stopping = false;
		for (int i = 0; i < this.properties.senders(); i++) {
			Thread sender = new Thread(this::work, "outbox-sender-" + i);
			sender.setDaemon(true);
			sender.start();
			this.senders.add(sender);
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.stopping = true;
		// No interrupt: a sender in the middle of a mail finishes and settles it; idle
		// ones wake up and leave.
		this.outbox.wakeSenders();
		for (Thread sender : this.senders) {
			try {
				sender.join(Duration.ofSeconds(15).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.senders.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void work() {
		while (this.running) {
			long writes = this.outbox.writes();
			try {
				if (sendDue() == 0) {
					this.outbox.awaitWrite(writes, this.properties.pollEvery().toMillis());
				}
				this.fallbacks.recovered(MONGODB);
			}
			catch (InterruptedException ex) {
				if (!this.running) {
					return;
				}
			}
			catch (RuntimeException ex) {
				this.fallbacks.degraded(MONGODB, "mails wait in the outbox", ex);
				pause();
			}
		}
	}

	/**
	 * Sends the mails due now (a batch of them); returns how many this sender took.
	 */
	int sendDue() {
		int taken = 0;
		while (taken < BATCH && !this.stopping) {
			Optional<OutboxMail> claimed = this.outbox.claimNext();
			if (claimed.isEmpty()) {
				break;
			}
			taken++;
			send(claimed.get());
		}
		return taken;
	}

	private void send(OutboxMail mail) {
		MailComposer composer = this.composers.get(mail.kind());
		if (this.guard.isSuppressed(mail.to())) {
			settle(mail, composer, State.SUPPRESSED, null);
			return;
		}
		Optional<Mailer.Email> email;
		try {
			email = composer.compose(mail);
		}
		catch (RuntimeException ex) {
			failed(mail, composer, ex, false);
			return;
		}
		if (email.isEmpty()) {
			settle(mail, composer, State.DROPPED, null);
			return;
		}
		try {
			this.mailer.send(email.get().tagged(mail.id()));
		}
		catch (MailException ex) {
			failed(mail, composer, ex, Mailer.isPermanent(ex));
			return;
		}
		catch (RuntimeException ex) {
			failed(mail, composer, ex, false);
			return;
		}
		settle(mail, composer, State.SENT, null);
	}

	private void failed(OutboxMail mail, MailComposer composer, RuntimeException failure, boolean permanent) {
		String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (permanent || mail.attempts() >= this.properties.maxAttempts()) {
			log.warn("Mail {} ({}) failed for good after {} attempts: {}", mail.id(), mail.kind(), mail.attempts(),
					error);
			settle(mail, composer, State.FAILED, error);
			return;
		}
		Instant next = this.clock.instant().plus(this.properties.retryAfter(mail.attempts()));
		log.info("Mail {} ({}) failed, attempt {}; trying again at {}: {}", mail.id(), mail.kind(), mail.attempts(),
				next, error);
		if (this.outbox.retryLater(mail, next, error)) {
			count(mail, "retried");
		}
	}

	private void settle(OutboxMail mail, MailComposer composer, State state, String error) {
		if (!settleWithRetries(mail, state, error)) {
			// The lease ran out and another sender has it: it settles it.
			log.warn("Mail {} was taken by another sender before it was settled here", mail.id());
			return;
		}
		count(mail, state.name().toLowerCase(Locale.ROOT));
		this.waited.record(Duration.between(mail.createdAt(), this.clock.instant()).abs());
		composer.settled(mail, state);
	}

	/**
	 * A mail handed to the SMTP server but not settled is sent again after its lease: a
	 * MongoDB blip at this moment is worth a few tries.
	 */
	private boolean settleWithRetries(OutboxMail mail, State state, String error) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.outbox.settle(mail, state, error);
			}
			catch (RuntimeException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.warn("Settling mail {} failed, trying again: {}", mail.id(), ex.getMessage());
				pause();
			}
		}
	}

	private void count(OutboxMail mail, String outcome) {
		Counter.builder("newsletter.outbox.mails")
			.description("Mails by kind and how they ended (or that they were retried)")
			.tag("kind", mail.kind().name().toLowerCase(Locale.ROOT))
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private void pause() {
		try {
			Thread.sleep(this.properties.pollEvery().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
