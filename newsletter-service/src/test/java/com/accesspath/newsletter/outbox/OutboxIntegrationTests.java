package com.accesspath.newsletter.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.newsletter.NewsletterIntegrationTestSupport;
import com.accesspath.newsletter.bounce.Bounce;
import com.accesspath.newsletter.bounce.BounceAddresses;
import com.accesspath.newsletter.bounce.Suppressions;
import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.mail.MailPacing;
import com.accesspath.newsletter.mail.Mailer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The outbox: what is accepted is sent, once, whatever stops in between (issue #20).
 */
class OutboxIntegrationTests extends NewsletterIntegrationTestSupport {

	private static final String CONFIRMATION = "请确认订阅 AccessPath AI 资讯";

	@Autowired
	OutboxWorker worker;

	@Autowired
	List<MailComposer> composers;

	@Autowired
	Mailer mailer;

	@Autowired
	SendGuard guard;

	@Autowired
	OutboxProperties properties;

	@Autowired
	NewsletterProperties newsletter;

	@Autowired
	MailPacing pacing;

	@Autowired
	MeterRegistry meters;

	@Autowired
	BounceAddresses bounces;

	@Autowired
	Suppressions suppressions;

	/** Only what each test starts sends: the context's own senders are stopped. */
	@BeforeEach
	void stopTheReplica() {
		this.worker.stop();
	}

	@AfterEach
	void startItAgain() {
		this.worker.start();
	}

	/** Another replica (or this one restarted): nothing of the stopped one's memory. */
	OutboxWorker replica(Mailer mailer, MeterRegistry meters) {
		return new OutboxWorker(this.outbox, this.composers, mailer, this.guard, this.properties, this.clock,
				new Fallbacks(), meters);
	}

	@Test
	void mailsAcceptedBeforeARestartAreSentOnceAfterIt() throws Exception {
		for (int i = 0; i < 3; i++) {
			subscribe("restart" + i + "@example.com").andExpect(status().isAccepted());
		}
		// The replica is down: the three confirmations wait in MongoDB, none is sent.
		assertThat(this.outbox.pending()).isEqualTo(3);
		assertThat(smtp.getReceivedMessages()).isEmpty();
		OutboxWorker restarted = replica(this.mailer, this.meters);
		restarted.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.outbox.pending() == 0);
		}
		finally {
			restarted.stop();
		}
		assertThat(Arrays.stream(smtp.getReceivedMessages()).map(NewsletterIntegrationTestSupport::subject))
			.containsExactly(CONFIRMATION, CONFIRMATION, CONFIRMATION);
		assertThat(states()).containsOnly("SENT");
		// The link in each works: the mail was made from the stored subscription.
		String token = link(awaitMailTo("restart1@example.com", CONFIRMATION), "/subscriptions/confirm");
		this.mvc.perform(get("/api/subscriptions/confirm").param("token", token)).andExpect(status().isOk());
	}

	@Test
	void aMailLeftByASenderThatDiedIsSentByAnotherOnceItsLeaseRunsOut() throws Exception {
		subscribe("lease@example.com").andExpect(status().isAccepted());
		OutboxMail mail = queued().get(0);
		// A sender takes it and dies before settling it.
		assertThat(this.outbox.claim(mail.id())).isPresent();
		OutboxWorker other = replica(this.mailer, this.meters);
		assertThat(other.sendDue()).isZero();
		this.clock.advance(this.properties.lease().minusSeconds(1));
		assertThat(other.sendDue()).isZero();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(other.sendDue()).isEqualTo(1);
		assertThat(other.sendDue()).isZero();
		MimeMessage sent = awaitMail(1);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		// Its Message-ID is made from its tag: a copy sent again would be the same mail.
		assertThat(sent.getMessageID()).isEqualTo(Mailer.messageIdOf(mail.id()));
		// ...but does not show the tag, which is the mail's bounce address.
		assertThat(sent.getMessageID()).doesNotContain(mail.id());
		OutboxMail settled = this.outbox.find(mail.id()).orElseThrow();
		assertThat(settled.state()).isEqualTo(OutboxMail.State.SENT);
		assertThat(settled.attempts()).isEqualTo(2);
		assertThat(settled.token()).as("the link's token is not kept once mailed").isNull();
	}

	@Test
	void twoSendersSendEachMailOnce() throws Exception {
		for (int i = 0; i < 20; i++) {
			subscribe("pair" + i + "@example.com").andExpect(status().isAccepted());
		}
		OutboxWorker a = replica(this.mailer, this.meters);
		OutboxWorker b = replica(this.mailer, this.meters);
		a.start();
		b.start();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> this.outbox.pending() == 0);
		}
		finally {
			a.stop();
			b.stop();
		}
		assertThat(smtp.getReceivedMessages()).hasSize(20);
		assertThat(Arrays.stream(smtp.getReceivedMessages()).map(message -> recipient(message)).distinct()).hasSize(20);
	}

	@Test
	void aFailedSendWaitsLongerEachTimeAndIsGivenUpAfterItsAttempts() throws Exception {
		subscribe("flaky@example.com").andExpect(status().isAccepted());
		Failing sender = new Failing(new MailSendException("421 4.3.0 try again later"));
		SimpleMeterRegistry counted = new SimpleMeterRegistry();
		OutboxWorker replica = replica(mailer(sender), counted);
		String id = queued().get(0).id();
		Duration wait = this.properties.firstRetry();
		for (int attempt = 1; attempt < this.properties.maxAttempts(); attempt++) {
			assertThat(replica.sendDue()).isEqualTo(1);
			OutboxMail mail = this.outbox.find(id).orElseThrow();
			assertThat(mail.state()).isEqualTo(OutboxMail.State.QUEUED);
			assertThat(mail.dueAt()).isEqualTo(this.clock.instant().plus(wait).truncatedTo(ChronoUnit.MILLIS));
			assertThat(mail.lastError()).contains("421");
			// Not before its time.
			this.clock.advance(wait.minusSeconds(1));
			assertThat(replica.sendDue()).isZero();
			this.clock.advance(Duration.ofSeconds(1));
			wait = wait.multipliedBy(2);
		}
		assertThat(replica.sendDue()).isEqualTo(1);
		assertThat(this.outbox.find(id).orElseThrow().state()).isEqualTo(OutboxMail.State.FAILED);
		assertThat(sender.attempts).isEqualTo(this.properties.maxAttempts());
		assertThat(counted.counter("newsletter.outbox.mails", "kind", "confirmation", "outcome", "retried").count())
			.isEqualTo(this.properties.maxAttempts() - 1);
		assertThat(counted.counter("newsletter.outbox.mails", "kind", "confirmation", "outcome", "failed").count())
			.isEqualTo(1);
	}

	@Test
	void aMailTheServerRefusesForGoodIsNotTriedAgain() throws Exception {
		subscribe("nobody@example.com").andExpect(status().isAccepted());
		InternetAddress address = new InternetAddress("nobody@example.com");
		Failing sender = new Failing(new MailSendException(Map.of(new Object(),
				new SMTPAddressFailedException(address, "RCPT TO", 550, "550 5.1.1 no such user"))));
		OutboxWorker replica = replica(mailer(sender), new SimpleMeterRegistry());
		assertThat(replica.sendDue()).isEqualTo(1);
		assertThat(sender.attempts).isEqualTo(1);
		assertThat(states()).containsExactly("FAILED");
	}

	@Test
	void aHeldMailIsSentWhenItsCauseWasStoredThoughNeverReleased() throws Exception {
		// A crash between storing the cause and releasing the mail: it goes after its
		// hold.
		subscribe("held@example.com").andExpect(status().isAccepted());
		String subscriberId = this.mongo.findAll(Document.class, "subscribers").get(0).getObjectId("_id").toHexString();
		String token = "a-token-of-the-crashed-request";
		this.outbox.hold(OutboxMail.Kind.CONFIRMATION, "confirm:crashed", "held@example.com", subscriberId, token);
		this.mongo.updateFirst(Query.query(Criteria.where("email").is("held@example.com")),
				new Update().set("confirmTokenHash", HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)))),
				"subscribers");
		OutboxWorker replica = replica(this.mailer, this.meters);
		// The first confirmation was replaced by the crashed request's: it is dropped.
		assertThat(replica.sendDue()).isEqualTo(1);
		this.clock.advance(this.properties.hold().minusSeconds(1));
		assertThat(replica.sendDue()).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(replica.sendDue()).isEqualTo(1);
		assertThat(link(awaitMail(1), "/subscriptions/confirm")).isEqualTo(token);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(states()).containsExactlyInAnyOrder("DROPPED", "SENT");
	}

	@Test
	void aHeldMailWhoseCauseWasNeverStoredIsDropped() {
		// A crash before the cause was stored: the subscriber never existed.
		this.outbox.hold(OutboxMail.Kind.CONFIRMATION, "confirm:never", "ghost@example.com",
				new ObjectId().toHexString(), "some-token");
		OutboxWorker replica = replica(this.mailer, this.meters);
		this.clock.advance(this.properties.hold());
		assertThat(replica.sendDue()).isEqualTo(1);
		assertThat(states()).containsExactly("DROPPED");
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void everyMailLeavesWithABounceAddressNamingItAndNoneGoesToASuppressedAddress() throws Exception {
		subscribe("bouncing@example.com").andExpect(status().isAccepted());
		subscribe("fine@example.com").andExpect(status().isAccepted());
		OutboxMail toBouncing = queued().stream()
			.filter(mail -> mail.to().equals("bouncing@example.com"))
			.findFirst()
			.orElseThrow();
		OutboxMail toFine = queued().stream()
			.filter(mail -> mail.to().equals("fine@example.com"))
			.findFirst()
			.orElseThrow();
		this.suppressions.apply(
				new Bounce("bouncing@example.com", Bounce.Kind.HARD_BOUNCE, toBouncing.id(), "mailbox", "550 5.1.1"));
		OutboxWorker replica = replica(this.mailer, this.meters);
		assertThat(replica.sendDue()).isEqualTo(2);
		MimeMessage sent = awaitMail(1);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(recipient(sent)).isEqualTo("fine@example.com");
		String tag = toFine.id();
		assertThat(sent.getMessageID()).isEqualTo(Mailer.messageIdOf(tag));
		// The envelope sender (VERP) names the mail: its bounce finds it, and only it.
		assertThat(sent.getHeader("Return-Path"))
			.containsExactly("<" + this.bounces.returnPathFor(tag).orElseThrow() + ">");
		assertThat(this.outbox.find(toBouncing.id()).orElseThrow().state()).isEqualTo(OutboxMail.State.SUPPRESSED);
	}

	@Test
	void aMailWrittenTwiceWithOneKeyIsOneMail() {
		assertThat(this.outbox.enqueue(OutboxMail.Kind.DIGEST, "digest:x:1", "a@example.com", null, "x")).isTrue();
		assertThat(this.outbox.enqueue(OutboxMail.Kind.DIGEST, "digest:x:1", "a@example.com", null, "x")).isFalse();
		assertThat(this.outbox.pending()).isEqualTo(1);
	}

	/** The mails waiting in the outbox. */
	private List<OutboxMail> queued() {
		return this.mongo.find(Query.query(Criteria.where("state").is(OutboxMail.State.QUEUED)), OutboxMail.class);
	}

	private List<String> states() {
		return this.mongo.findAll(Document.class, "outbox").stream().map(doc -> doc.getString("state")).toList();
	}

	private Mailer mailer(JavaMailSenderImpl sender) {
		// One attempt per send: the outbox's own retries are under test.
		RetryRegistry once = RetryRegistry.of(RetryConfig.custom().maxAttempts(1).build());
		return new Mailer(sender, this.newsletter, this.pacing, once, new SimpleMeterRegistry(), this.bounces);
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Fails every send with {@code failure}. */
	static class Failing extends JavaMailSenderImpl {

		int attempts;

		final MailException failure;

		Failing(MailException failure) {
			this.failure = failure;
		}

		@Override
		public void send(MimeMessage... messages) {
			this.attempts++;
			throw this.failure;
		}

	}

}
