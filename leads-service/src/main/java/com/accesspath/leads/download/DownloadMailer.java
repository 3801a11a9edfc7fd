package com.accesspath.leads.download;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.leads.config.LeadsProperties;

/**
 * Sends each download's link by mail, never on the request's thread and never lost: the
 * request stores the download with its mail PENDING (the outbox), then this sends it in
 * the background. A mail that fails (SMTP down, a 4xx reply) waits with backoff, its next
 * attempt's time stored with the download, and a scheduler on any replica sends what is
 * due; each attempt first claims the mail with a {@code findAndModify}, so two replicas
 * never send it at once. The link's token is made for the attempt: only its hash is
 * stored, and the link works for {@code link-valid-for} from then.
 */
@Component
class DownloadMailer implements DisposableBean {

	static final String SMTP = "smtp (download mails)";

	private static final Logger log = LoggerFactory.getLogger(DownloadMailer.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final DownloadGrants grants;

	private final DownloadProperties properties;

	private final LeadsProperties.Notification settings;

	private final JavaMailSender sender;

	private final Clock clock;

	private final Fallbacks fallbacks;

	private final IntervalFunction backoff;

	private final Template html = template("mail/download.html", true);

	private final Template text = template("mail/download.txt", false);

	private final ExecutorService background = Executors.newFixedThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "download-mailer");
		thread.setDaemon(true);
		return thread;
	});

	private final Counter sent;

	private final Counter failed;

	DownloadMailer(DownloadGrants grants, DownloadProperties properties, JavaMailSender sender, Clock clock,
			Fallbacks fallbacks, MeterRegistry meters) {
		this.grants = grants;
		this.properties = properties;
		this.settings = properties.mail();
		this.sender = sender;
		this.clock = clock;
		this.fallbacks = fallbacks;
		this.backoff = IntervalFunction.ofExponentialBackoff(this.settings.firstBackoff(),
				this.settings.backoffMultiplier(), this.settings.maxBackoff());
		this.sent = meters.counter("leads.download.mails", "outcome", "sent");
		this.failed = meters.counter("leads.download.mails", "outcome", "failed");
		Gauge.builder("leads.download.mails.unsent", grants, repository -> repository.countMails(MailState.PENDING))
			.register(meters);
	}

	/** Queues an attempt; returns at once. */
	void deliverSoon(String id) {
		this.background.submit(() -> {
			try {
				deliver(id);
			}
			catch (RuntimeException ex) {
				// Still PENDING: the scheduler picks it up.
				log.warn("Download mail {} postponed: {}", id, ex.getMessage());
			}
		});
	}

	@Scheduled(fixedDelayString = "${accesspath.leads.downloads.mail.retry-interval:10s}", initialDelayString = "5s")
	void deliverDue() {
		try {
			this.grants.findMailsDue(this.clock.instant(), this.settings.batchSize()).forEach(this::deliver);
		}
		catch (RuntimeException ex) {
			log.warn("Download mails postponed: {}", ex.getMessage());
		}
	}

	void deliver(String id) {
		Instant now = this.clock.instant();
		DownloadGrant grant = this.grants.claimMail(id, now, now.plus(this.settings.lease())).orElse(null);
		if (grant == null) {
			return;
		}
		int attempt = grant.mail().attempts() + 1;
		String token = DownloadTokens.newToken();
		Instant expiresAt = now.plus(this.properties.linkValidFor());
		this.grants.addToken(id, DownloadTokens.hash(token), expiresAt);
		try {
			this.sender.send(message(grant, token, expiresAt));
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			boolean givenUp = attempt >= this.settings.maxAttempts();
			this.fallbacks.degraded(SMTP, "download mails retried later with backoff", ex);
			if (givenUp) {
				log.warn("Download mail {} given up after {} attempts: {}", id, attempt, ex.getMessage());
			}
			this.grants.mailFailed(id, attempt, givenUp, this.clock.instant().plus(backoffAfter(attempt)),
					String.valueOf(ex.getMessage()));
			return;
		}
		this.grants.mailSent(id, attempt, this.clock.instant());
		this.sent.increment();
		this.fallbacks.recovered(SMTP);
	}

	/** The wait after the given failed attempt (1, 2, …). */
	Duration backoffAfter(int attempt) {
		return Duration.ofMillis(this.backoff.apply(attempt));
	}

	private MimeMessage message(DownloadGrant grant, String token, Instant expiresAt) {
		Map<String, Object> context = Map.of("name", grant.name(), "title", grant.title(), "link",
				this.properties.link(token), "validDays", this.properties.linkValidFor().toDays(), "expires",
				DAY.format(expiresAt), "siteUrl", this.properties.siteUrl().toString().replaceFirst("/+$", ""));
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.properties.from());
			helper.setTo(grant.email());
			helper.setSubject("您申请的《" + grant.title() + "》下载链接");
			helper.setText(this.text.execute(context), this.html.execute(context));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot write the mail for download " + grant.id(), ex);
		}
		return message;
	}

	private static Template template(String location, boolean html) {
		try (Reader reader = new InputStreamReader(new ClassPathResource(location).getInputStream(),
				StandardCharsets.UTF_8)) {
			// Plain text is not HTML-escaped (a link's "=" would become "&#61;").
			return Mustache.compiler().defaultValue("").escapeHTML(html).compile(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No mail template " + location, ex);
		}
	}

	/**
	 * Lets attempts under way finish; what does not finish in time stays due for the
	 * scheduler of any replica.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.background.shutdown();
		if (!this.background.awaitTermination(this.settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
			this.background.shutdownNow();
		}
	}

}
