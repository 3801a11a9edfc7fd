package com.accesspath.newsletter.bounce;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounce mailbox read over IMAP and POP3 from a real mail server (GreenMail, on ports
 * of its own), against the real outbox and suppressions collections.
 */
class BounceMailboxIntegrationTests extends BounceIntegrationTestSupport {

	static final String USER = "bounces";

	static final String PASSWORD = "mailbox-secret";

	/**
	 * With {@code dynamicPort()} GreenMail binds a port the system chooses (not
	 * devstack's, nor another test JVM's) and says which afterwards.
	 */
	static final int SYSTEM_CHOSEN = 0;

	@RegisterExtension
	static final GreenMailExtension mailboxes = new GreenMailExtension(
			new ServerSetup[] { new ServerSetup(SYSTEM_CHOSEN, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
					new ServerSetup(SYSTEM_CHOSEN, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort() });

	@Autowired
	BounceAddresses addresses;

	@Autowired
	OutboxRecipients outbox;

	@Autowired
	MeterRegistry meters;

	GreenMailUser inbox;

	@BeforeEach
	void bounceMailbox() {
		this.inbox = mailboxes.setUser(BOUNCE_RETURN_PATH, USER, PASSWORD);
	}

	BounceMailbox mailboxOver(String protocol) {
		int port = protocol.startsWith("imap") ? mailboxes.getImap().getPort() : mailboxes.getPop3().getPort();
		String folder = protocol.startsWith("imap") ? "/INBOX" : "";
		return mailboxAt(protocol + "://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + folder);
	}

	BounceMailbox mailboxAt(String url) {
		BounceProperties properties = new BounceProperties(BOUNCE_RETURN_PATH, url, Duration.ofMinutes(1), "", 3,
				Duration.ofDays(14));
		return new BounceMailbox(properties, this.addresses, this.outbox, this.suppressions, this.meters);
	}

	/** A mail the outbox sent, as the outbox stores it: its tag and its recipient. */
	String sent(String to) {
		byte[] random = new byte[16];
		ThreadLocalRandom.current().nextBytes(random);
		String tag = HexFormat.of().formatHex(random);
		this.mongo.insert(new Document("_id", tag).append("to", to).append("status", "SENT"),
				OutboxRecipients.COLLECTION);
		return tag;
	}

	void arrives(MimeMessage message) {
		this.inbox.deliver(message);
	}

	double dropped(String why) {
		return this.meters.counter("newsletter.bounces.dropped", "source", "mailbox", "why", why).count();
	}

	@ParameterizedTest
	@ValueSource(strings = { "imap", "pop3" })
	void aHardBounceSuppressesTheMailsRecipientAndLeavesTheMailbox(String protocol) {
		String tag = sent("reader@example.com");
		arrives(BounceMessages.dsn(BounceMessages.verp(tag), "reader@example.com", "failed", "5.1.1"));
		assertThat(this.suppressions.isSuppressed("reader@example.com")).isFalse();

		assertThat(mailboxOver(protocol).poll()).isEqualTo(1);

		assertThat(this.suppressions.isSuppressed("reader@example.com")).isTrue();
		assertThat(this.suppressions.isSuppressed("Reader@Example.com")).isTrue();
		assertThat(this.suppressions.isSuppressed("other@example.com")).isFalse();
		Suppressions.Suppression suppression = this.suppressions.find("reader@example.com").orElseThrow();
		assertThat(suppression.reason()).isEqualTo("hard-bounce");
		assertThat(suppression.source()).isEqualTo("mailbox");
		assertThat(suppression.detail()).startsWith("5.1.1").contains("User unknown");
		assertThat(suppression.suppressedAt()).isEqualTo(this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(mailboxOver(protocol).poll()).as("the message was deleted").isZero();
	}

	@Test
	void theRecipientComesFromTheOutboxNotFromTheBouncesText() {
		String tag = sent("reader@example.com");
		arrives(BounceMessages.dsn(BounceMessages.verp(tag), "victim@example.com", "failed", "5.1.1"));
		mailboxOver("imap").poll();
		assertThat(this.suppressions.isSuppressed("reader@example.com")).isTrue();
		assertThat(this.suppressions.isSuppressed("victim@example.com")).isFalse();
	}

	@Test
	void softBouncesSuppressOnlyAtTheLimitAndABounceReadTwiceCountsOnce() {
		String first = sent("full@example.com");
		String second = sent("full@example.com");
		String third = sent("full@example.com");
		arrives(BounceMessages.dsn(BounceMessages.verp(first), "full@example.com", "delayed", "4.2.2"));
		arrives(BounceMessages.dsn(BounceMessages.verp(first), "full@example.com", "failed", "4.2.2"));
		arrives(BounceMessages.dsn(BounceMessages.verp(second), "full@example.com", "delayed", "4.2.2"));
		// Two replicas polling one mailbox read the same message.
		assertThat(mailboxOver("imap").poll()).isEqualTo(3);
		Suppressions.Suppression counted = this.suppressions.find("full@example.com").orElseThrow();
		assertThat(counted.suppressed()).isFalse();
		assertThat(counted.softBounces()).isEqualTo(2);
		assertThat(this.suppressions.isSuppressed("full@example.com")).isFalse();

		arrives(BounceMessages.dsn(BounceMessages.verp(third), "full@example.com", "delayed", "4.2.2"));
		assertThat(mailboxOver("pop3").poll()).isEqualTo(1);
		assertThat(this.suppressions.isSuppressed("full@example.com")).isTrue();
		assertThat(this.suppressions.find("full@example.com").orElseThrow().reason()).isEqualTo("soft-bounce");
	}

	@Test
	void aComplaintSuppressesAtOnce() {
		String tag = sent("annoyed@example.com");
		arrives(BounceMessages.complaint(BounceMessages.verp(tag), "annoyed@example.com"));
		assertThat(mailboxOver("pop3").poll()).isEqualTo(1);
		assertThat(this.suppressions.isSuppressed("annoyed@example.com")).isTrue();
		assertThat(this.suppressions.find("annoyed@example.com").orElseThrow().reason()).isEqualTo("complaint");
	}

	@Test
	void forgedBouncesSuppressNobodyAndAreDropped() {
		sent("victim@example.com");
		double untagged = dropped("untagged");
		double unknown = dropped("unknown-tag");
		// Sent to the plain bounce address, naming a victim.
		arrives(BounceMessages.dsn(BOUNCE_RETURN_PATH, "victim@example.com", "failed", "5.1.1"));
		// A well-formed tag the outbox never made.
		arrives(BounceMessages.dsn(BounceMessages.verp("0123456789abcdef0123456789abcdef"), "victim@example.com",
				"failed", "5.1.1"));
		// A tag of the wrong shape, and another domain's VERP address.
		arrives(BounceMessages.complaint("bounces+not-a-tag@accesspath.local", "victim@example.com"));
		arrives(BounceMessages.dsn("bounces+0123456789abcdef0123456789abcdef@evil.example", "victim@example.com",
				"failed", "5.1.1"));

		assertThat(mailboxOver("imap").poll()).isEqualTo(4);

		assertThat(this.suppressions.isSuppressed("victim@example.com")).isFalse();
		assertThat(this.suppressions.find("victim@example.com")).isEmpty();
		assertThat(dropped("untagged") - untagged).isEqualTo(3);
		assertThat(dropped("unknown-tag") - unknown).isEqualTo(1);
		assertThat(mailboxOver("imap").poll()).as("dropped messages are deleted too").isZero();
	}

	@Test
	void mailThatIsNoReportIsDroppedWithoutEffect() {
		String tag = sent("away@example.com");
		arrives(BounceMessages.autoReply(BounceMessages.verp(tag)));
		arrives(BounceMessages.parse("Delivered-To: " + BounceMessages.verp(tag)
				+ "\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"x\"\n\n--x\nbroken"));
		assertThat(mailboxOver("imap").poll()).isEqualTo(2);
		assertThat(this.suppressions.find("away@example.com")).isEmpty();
	}

	@Test
	void aMailboxThatIsDownIsNoFailure() {
		assertThat(mailboxAt("imap://" + USER + ":" + PASSWORD + "@127.0.0.1:1/INBOX").poll()).isEqualTo(-1);
		assertThat(mailboxAt("pop3://" + USER + ":wrong@127.0.0.1:" + mailboxes.getPop3().getPort()).poll())
			.isEqualTo(-1);
	}

	@Test
	void theMailboxIsPolledOnItsOwnThreadOnlyWhenConfigured() {
		BounceMailbox off = mailboxAt("");
		off.start();
		assertThat(off.isRunning()).isFalse();
		BounceMailbox on = mailboxOver("imap");
		on.start();
		try {
			assertThat(on.isRunning()).isTrue();
		}
		finally {
			on.stop();
		}
		assertThat(on.isRunning()).isFalse();
	}

}
