package com.accesspath.newsletter.digest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.mail.MailTemplates;
import com.accesspath.newsletter.mail.Mailer;
import com.accesspath.newsletter.site.SiteContent;
import com.accesspath.newsletter.site.Taxonomy;
import com.accesspath.newsletter.site.Topics;
import com.accesspath.newsletter.subscription.DigestState;
import com.accesspath.newsletter.subscription.Frequency;
import com.accesspath.newsletter.subscription.Subscriber;
import com.accesspath.newsletter.subscription.SubscriberRepository;
import com.accesspath.newsletter.subscription.SubscriptionService;

/**
 * Sends a digest period's emails. Each subscriber is claimed in MongoDB before their
 * email is built and sent, so a digest goes to a subscriber at most once per period,
 * however many runners (replicas, restarts, an editor's run) work on it at the same time;
 * a run that stopped half-way is resumed by the next one, which finds only the unclaimed.
 */
@Component
public class DigestRunner {

	private static final Logger log = LoggerFactory.getLogger(DigestRunner.class);

	static final String RUNS = "digestRuns";

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	static final int BATCH = 100;

	static final int ARTICLES = 8;

	static final int HOT = 5;

	private final SubscriberRepository subscribers;

	private final SubscriptionService subscriptions;

	private final SiteContent content;

	private final Taxonomy taxonomy;

	private final Mailer mailer;

	private final MailTemplates templates;

	private final MongoTemplate mongo;

	private final NewsletterProperties properties;

	private final Clock clock;

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "digest-runner");
		thread.setDaemon(true);
		return thread;
	});

	DigestRunner(SubscriberRepository subscribers, SubscriptionService subscriptions, SiteContent content,
			Taxonomy taxonomy, Mailer mailer, MailTemplates templates, MongoTemplate mongo,
			NewsletterProperties properties, Clock clock) {
		this.subscribers = subscribers;
		this.subscriptions = subscriptions;
		this.content = content;
		this.taxonomy = taxonomy;
		this.mailer = mailer;
		this.templates = templates;
		this.mongo = mongo;
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
	 * Starts (or joins) the current period's run in the background; returns its id at
	 * once.
	 */
	public String start(Frequency frequency) {
		String id = ensureRun(frequency);
		this.background.submit(() -> run(frequency, Integer.MAX_VALUE));
		return id;
	}

	public Optional<DigestRun> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, DigestRun.class));
	}

	/**
	 * Works on the current period until no subscriber is left unclaimed, or
	 * {@code maxSubscribers} were handled (tests use that to stop a run half-way, as a
	 * crash would).
	 */
	public DigestRun run(Frequency frequency, int maxSubscribers) {
		String runId = ensureRun(frequency);
		Map<String, Digest> digestsByTopics = new HashMap<>();
		List<SiteContent.HotItem> hot = null;
		int handled = 0;
		String after = null;
		while (handled < maxSubscribers) {
			List<Subscriber> batch = this.subscribers.findDigestCandidates(frequency, runId, after, BATCH);
			if (batch.isEmpty()) {
				finish(runId);
				break;
			}
			for (Subscriber subscriber : batch) {
				after = subscriber.id();
				if (handled >= maxSubscribers) {
					break;
				}
				if (!this.subscribers.claimDigest(subscriber.id(), runId)) {
					continue;
				}
				handled++;
				if (hot == null) {
					hot = this.content.hot(HOT);
				}
				Digest digest = digestsByTopics.computeIfAbsent(String.join(",", subscriber.topics()),
						key -> new Digest(articlesFor(subscriber.topics())));
				send(runId, frequency, subscriber, digest, hot);
			}
		}
		return this.mongo.findById(runId, DigestRun.class);
	}

	private record Digest(List<SiteContent.Article> articles) {
	}

	private void send(String runId, Frequency frequency, Subscriber subscriber, Digest digest,
			List<SiteContent.HotItem> hot) {
		try {
			String manageToken = this.subscriptions.newManageToken(subscriber.id());
			String unsubscribeApi = this.subscriptions.unsubscribeApiUrl(manageToken);
			Map<String, Object> model = new HashMap<>();
			model.put("title", (frequency == Frequency.DAILY ? "AccessPath AI 资讯 · 每日精选 " : "AccessPath AI 资讯 · 每周精选 ")
					+ LocalDate.ofInstant(this.clock.instant(), CHINA));
			model.put("hasArticles", !digest.articles().isEmpty());
			model.put("articles",
					digest.articles()
						.stream()
						.map(a -> Map.of("title", a.title(), "summary", nullToEmpty(a.summary()), "url",
								this.properties.link("/articles/" + a.slug())))
						.toList());
			model.put("hasHot", !hot.isEmpty());
			model.put("hot",
					hot.stream()
						.map(h -> Map.of("rank", h.rank(), "title", h.article().title(), "views", h.views(), "url",
								this.properties.link("/articles/" + h.article().slug())))
						.toList());
			model.put("preferencesUrl", this.subscriptions.preferencesUrl(manageToken));
			model.put("unsubscribeUrl", this.subscriptions.unsubscribeUrl(manageToken));
			Map<String, String> headers = new LinkedHashMap<>();
			// RFC 2369 and RFC 8058: mail clients offer one-click unsubscribe by POSTing
			// to this address.
			headers.put("List-Unsubscribe", "<" + unsubscribeApi + ">");
			headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			this.mailer.send(new Mailer.Email(subscriber.email(), (String) model.get("title"),
					this.templates.render("digest.html", model), this.templates.render("digest.txt", model), headers));
			this.subscribers.markDigest(subscriber.id(), runId, DigestState.SENT);
			count(runId, "sent");
		}
		catch (RuntimeException ex) {
			log.warn("Digest {} to subscriber {} failed: {}", runId, subscriber.id(), ex.getMessage());
			this.subscribers.markDigest(subscriber.id(), runId, DigestState.FAILED);
			count(runId, "failed");
		}
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

	private String ensureRun(Frequency frequency) {
		String id = currentRunId(frequency);
		this.mongo.upsert(Query.query(Criteria.where("_id").is(id)),
				new Update().setOnInsert("frequency", frequency)
					.setOnInsert("status", DigestRun.Status.RUNNING)
					.setOnInsert("sent", 0L)
					.setOnInsert("failed", 0L)
					.setOnInsert("startedAt", this.clock.instant()),
				DigestRun.class);
		return id;
	}

	private void count(String runId, String field) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(runId)), new Update().inc(field, 1L),
				DigestRun.class);
	}

	private void finish(String runId) {
		this.mongo.findAndModify(Query.query(Criteria.where("_id").is(runId)),
				new Update().set("status", DigestRun.Status.DONE).set("finishedAt", this.clock.instant()),
				FindAndModifyOptions.none(), DigestRun.class);
	}

	private static String nullToEmpty(String value) {
		return (value == null) ? "" : value;
	}

}
