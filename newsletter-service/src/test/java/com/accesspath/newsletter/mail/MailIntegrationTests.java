package com.accesspath.newsletter.mail;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.newsletter.NewsletterIntegrationTestSupport;
import com.accesspath.newsletter.bounce.BounceAddresses;
import com.accesspath.newsletter.config.NewsletterProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MailIntegrationTests extends NewsletterIntegrationTestSupport {

	@Autowired
	LettuceConnectionFactory redisConnections;

	@Autowired
	RetryRegistry retries;

	@Autowired
	NewsletterProperties properties;

	@Autowired
	MailPacing pacing;

	@Autowired
	BounceAddresses bounces;

	@Nested
	class Pacing {

		@Test
		void twoReplicasShareOneRate() {
			// One email per second: what one replica takes, the other must wait for.
			MailPacing replicaA = new MailPacing(redisConnections::getRequiredNativeClient, "nl:test:pacing", 1,
					new Fallbacks());
			MailPacing replicaB = new MailPacing(redisConnections::getRequiredNativeClient, "nl:test:pacing", 1,
					new Fallbacks());
			assertThat(replicaA.tryAcquire()).isTrue();
			assertThat(replicaB.tryAcquire()).isFalse();
			assertThat(replicaA.tryAcquire()).isFalse();
			MailPacing otherKey = new MailPacing(redisConnections::getRequiredNativeClient, "nl:test:other-pacing", 1,
					new Fallbacks());
			assertThat(otherKey.tryAcquire()).isTrue();
		}

		@Test
		void withoutRedisEachReplicaPacesItsOwnMailAndMailStillLeaves() {
			// A Redis that cannot be asked: mail is not held back (nor lost), only paced
			// per replica.
			MailPacing pacing = new MailPacing(() -> {
				throw new RedisConnectionFailureException("Redis is down");
			}, "nl:test:down-pacing", 2, new Fallbacks());
			long started = System.nanoTime();
			pacing.acquire();
			pacing.acquire();
			pacing.acquire();
			assertThat(pacing.isLocal()).isTrue();
			// Two a second: the second and third permits wait about 500 ms each.
			assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(900);
		}

	}

	@Nested
	class Retries {

		Mailer mailer(FailingSender sender) {
			return new Mailer(sender, properties, pacing, retries, new SimpleMeterRegistry(), bounces);
		}

		Mailer.Email email() {
			return new Mailer.Email("reader@example.com", "Hello", "<p>Hi</p>", "Hi", Map.of());
		}

		@Test
		void temporaryFailuresAreRetriedWithBackoff() {
			FailingSender sender = new FailingSender(2, new MailSendException("421 try again later"));
			long started = System.nanoTime();
			mailer(sender).send(email());
			assertThat(sender.attempts).hasValue(3);
			// 200 ms, then 1 s (resilience4j.retry.instances.smtp).
			assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1100);
		}

		@Test
		void anAddressRefusedForGoodIsNotRetried() throws Exception {
			// The registry configured in application.yml, as in production.
			SMTPAddressFailedException refused = new SMTPAddressFailedException(
					new InternetAddress("nobody@example.com"), "RCPT TO", 550, "550 5.1.1 no such user");
			FailingSender sender = new FailingSender(5, new MailSendException(Map.of(new Object(), refused)));
			assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> mailer(sender).send(email()));
			assertThat(sender.attempts).hasValue(1);
		}

		@Test
		void wrongCredentialsAreNotRetried() {
			FailingSender sender = new FailingSender(5, new MailAuthenticationException("535 bad credentials"));
			assertThatExceptionOfType(MailAuthenticationException.class).isThrownBy(() -> mailer(sender).send(email()));
			assertThat(sender.attempts).hasValue(1);
		}

	}

	/**
	 * Fails its first {@code failures} sends with {@code failure}, then hands the message
	 * over to nobody.
	 */
	static class FailingSender extends JavaMailSenderImpl {

		final AtomicInteger attempts = new AtomicInteger();

		final int failures;

		final MailException failure;

		FailingSender(int failures, MailException failure) {
			this.failures = failures;
			this.failure = failure;
		}

		@Override
		public void send(MimeMessage... messages) {
			if (this.attempts.incrementAndGet() <= this.failures) {
				throw this.failure;
			}
		}

	}

}
