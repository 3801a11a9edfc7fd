package com.accesspath.newsletter.digest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.outbox.Outbox;
import com.accesspath.newsletter.outbox.OutboxMail;
import com.accesspath.newsletter.site.SiteContent;
import com.accesspath.newsletter.site.Taxonomy;
import com.accesspath.newsletter.site.Topics;
import com.accesspath.newsletter.subscription.Frequency;
import com.accesspath.newsletter.subscription.Subscriber;
import com.accesspath.newsletter.subscription.SubscriberRepository;

/**
 * Queues a digest period's mails into the {@link Outbox}, which sends them. One replica
 * queues a run at a time, holding a lease it renews every batch; a run whose queuing
 * stopped (a crash, a rolling deploy during the 08:00 run) is taken over by any replica
 * once the lease ran out, and goes on from the subscribers not queued yet. Each mail is
 * keyed by run and subscriber, so a subscriber queued twice (a crash between the two
 * writes) is mailed once.
 */
@Component
public class DigestRunner {

	private static final Logger log = LoggerFactory.getLogger(DigestRunner.class);

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	static final int BATCH = 200;

	static final int ARTICLES = 8;

	static final int HOT = 5;

	private final SubscriberRepository subscribers;

	private final DigestRuns runs;

	private final DigestContents contents;

	private final Outbox outbox;

	private final SiteContent content;

	private final Taxonomy taxonomy;

	private final NewsletterProperties properties;

	private final Clock clock;

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "digest-runner");
		thread.setDaemon(true);
		return thread;
	});

	DigestRunner(SubscriberRepository subscribers, DigestRuns runs, DigestContents contents, Outbox outbox,
			SiteContent content, Taxonomy taxonomy, NewsletterProperties properties, Clock clock) {
		this.subscribers = subscribers;
		this.runs = runs;
		this.contents = contents;
		this.outbox = outbox;
		this.content = content;
		this.taxonomy = taxonomy;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The id of the current period's run, e.g. {@code daily-2026-11-27} or
	 * {@code weekly-2026-W48}.
	 */
	public String currentRunId(Frequency frequency) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), CHINA);
		return (frequency == Frequency.DAILY) ? "daily-" + today : "weekly-" + today.get(IsoFields.WEEK_BASED_YEAR)
				+ "-W" + String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	@Scheduled(cron = "${accesspath.newsletter.daily-digest-cron}", zone = "Asia/Shanghai")
	void daily() {
		run(Frequency.DAILY, Integer.MAX_VALUE);
	}

	@Scheduled(cron = "${accesspath.newsletter.weekly-digest-cron}", zone = "Asia/Shanghai")
	void weekly() {
		if (LocalDate.ofInstant(this.clock.instant(), CHINA).getDayOfWeek() == DayOfWeek.MONDAY) {
			run(Frequency.WEEKLY, Integer.MAX_VALUE);
		}
	}

	/**
	 * Takes over the queuing of runs that stopped before the end (on any replica), and
	 * ends runs whose mails are all settled though their counters missed one (a replica
	 * killed between settling a mail and counting it).
	 */
	@Scheduled(fixedDelayString = "${accesspath.newsletter.digest-resume-every}",
			initialDelayString = "${accesspath.newsletter.digest-resume-every}")
	public void resumeAbandoned() {
		for (DigestRun run : this.runs.abandoned()) {
			log.info("Resuming the queuing of digest {}", run.id());
			queue(run.id(), run.frequency(), Integer.MAX_VALUE);
		}
		for (DigestRun run : this.runs.queuedButRunning()) {
			finishIfSettled(run.id());
		}
	}

	/**
	 * Ends the run if none of its mails is left unsettled, its counters counted from the
	 * outbox: the increments only tell when to look (a replica dying between a write and
	 * its count leaves them one off).
	 */
	void finishIfSettled(String runId) {
		if (this.outbox.pending(runId) == 0) {
			Map<OutboxMail.State, Long> settled = this.outbox.settledCounts(runId);
			long skipped = settled.getOrDefault(OutboxMail.State.SUPPRESSED, 0L)
					+ settled.getOrDefault(OutboxMail.State.DROPPED, 0L);
			this.runs.finish(runId, settled.values().stream().mapToLong(Long::longValue).sum(),
					settled.getOrDefault(OutboxMail.State.SENT, 0L), settled.getOrDefault(OutboxMail.State.FAILED, 0L),
					skipped);
		}
	}

	/**
	 * Starts (or joins) the current period's run in the background; returns its id at
	 * once.
	 */
	public String start(Frequency frequency) {
		String id = currentRunId(frequency);
		this.runs.ensure(id, frequency);
		// This run, even if the period ends before the background thread begins.
		this.background.submit(() -> queue(id, frequency, Integer.MAX_VALUE));
		return id;
	}

	public Optional<DigestRun> find(String id) {
		return this.runs.find(id);
	}

	List<DigestRun> recent(int limit) {
		return this.runs.recent(limit);
	}

	/**
	 * Queues the current period's subscribers until none is left, or
	 * {@code maxSubscribers} were queued (tests stop a run half-way with it, as a crash
	 * would: the lease stays taken until it runs out).
	 */
	public DigestRun run(Frequency frequency, int maxSubscribers) {
		String runId = currentRunId(frequency);
		this.runs.ensure(runId, frequency);
		queue(runId, frequency, maxSubscribers);
		return this.runs.find(runId).orElseThrow();
	}

	private void queue(String runId, Frequency frequency, int maxSubscribers) {
		Instant lease = leaseEnd();
		if (this.runs.takeQueuing(runId, lease, null).isEmpty()) {
			return;
		}
		Map<String, DigestContents.Content> byTopics = new LinkedHashMap<>();
		int queued = 0;
		String after = null;
		while (true) {
			List<Subscriber> batch = this.subscribers.findDigestCandidates(frequency, runId, after, BATCH);
			if (batch.isEmpty()) {
				this.runs.queuedAll(runId).filter(DigestRun::allSettled).ifPresent(run -> finishIfSettled(runId));
				return;
			}
			for (Subscriber subscriber : batch) {
				if (queued >= maxSubscribers) {
					return;
				}
				after = subscriber.id();
				byTopics.computeIfAbsent(DigestContents.id(runId, subscriber.topics()), id -> this.contents.find(id)
					.orElseGet(() -> this.contents.store(make(id, frequency, subscriber.topics()))));
				// Written once however often queued (a crash before the mark below).
				this.outbox.enqueue(OutboxMail.Kind.DIGEST, "digest:" + runId + ":" + subscriber.id(),
						subscriber.email(), subscriber.id(), runId);
				if (this.subscribers.markDigestQueued(subscriber.id(), runId)) {
					this.runs.count(runId, "queued");
				}
				queued++;
			}
			Instant renewed = leaseEnd();
			if (this.runs.takeQueuing(runId, renewed, lease).isEmpty()) {
				log.warn("Lost the queuing of digest {} to another replica", runId);
				return;
			}
			lease = renewed;
		}
	}

	/**
	 * Makes and stores the run's content for a choice of topics (the first stored wins).
	 */
	DigestContents.Content storeContent(String runId, List<String> topics) {
		Frequency frequency = runId.startsWith("daily-") ? Frequency.DAILY : Frequency.WEEKLY;
		return this.contents.store(make(DigestContents.id(runId, topics), frequency, topics));
	}

	private Instant leaseEnd() {
		// Millisecond precision, as MongoDB stores it: the renewal finds the lease by it.
		return this.clock.instant().plus(this.properties.digestQueueLease()).truncatedTo(ChronoUnit.MILLIS);
	}

	private DigestContents.Content make(String id, Frequency frequency, List<String> topics) {
		String title = (frequency == Frequency.DAILY ? "AccessPath AI 资讯 · 每日精选 " : "AccessPath AI 资讯 · 每周精选 ")
				+ LocalDate.ofInstant(this.clock.instant(), CHINA);
		List<DigestContents.Link> articles = articlesFor(topics).stream()
			.map(a -> new DigestContents.Link(a.title(), nullToEmpty(a.summary()),
					this.properties.link("/articles/" + a.slug())))
			.toList();
		List<DigestContents.Hot> hot = this.content.hot(HOT)
			.stream()
			.map(h -> new DigestContents.Hot(h.rank(), h.article().title(), h.views(),
					this.properties.link("/articles/" + h.article().slug())))
			.toList();
		return new DigestContents.Content(id, title, articles, hot);
	}

	private List<SiteContent.Article> articlesFor(List<String> chosen) {
		if (chosen.isEmpty()) {
			return this.content.newest(ARTICLES);
		}
		Topics topics = this.taxonomy.split(chosen);
		Map<String, SiteContent.Article> byId = new LinkedHashMap<>();
		for (String category : topics.categories()) {
			this.content.newestInCategory(category, ARTICLES)
				.forEach(article -> byId.putIfAbsent(article.id(), article));
		}
		for (String tag : topics.tags()) {
			this.content.newestWithTag(tag, ARTICLES).forEach(article -> byId.putIfAbsent(article.id(), article));
		}
		return new ArrayList<>(byId.values()).subList(0, Math.min(ARTICLES, byId.size()));
	}

	private static String nullToEmpty(String value) {
		return (value == null) ? "" : value;
	}

}
