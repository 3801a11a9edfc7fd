package com.accesspath.article.baidu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.article.baidu.BaiduPush.Status;
import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pushing new article URLs to Baidu: real MongoDB-protocol server, Baidu as a stub, the
 * sender driven by the test (its schedule does not start during the tests).
 */
@ArticleIntegrationTest
class BaiduPushIntegrationTests {

	static final String SITE = "https://www.accesspath.cn";

	static final BaiduPushStub baidu = start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("accesspath.baidu-push.enabled", () -> "true");
		registry.add("accesspath.baidu-push.endpoint", baidu::endpoint);
		registry.add("accesspath.baidu-push.site", () -> SITE);
		registry.add("accesspath.baidu-push.token", () -> "test-token");
		registry.add("accesspath.baidu-push.site-url", () -> SITE + "/");
		registry.add("accesspath.baidu-push.initial-delay", () -> "24h");
		registry.add("accesspath.baidu-push.batch-size", () -> "3");
		registry.add("accesspath.baidu-push.backoff", () -> "1m");
		registry.add("resilience4j.retry.instances.baidu-push.wait-duration", () -> "10ms");
	}

	@AfterAll
	static void stop() {
		baidu.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	BaiduPushSender sender;

	@Autowired
	BaiduPushOutbox outbox;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void empty() {
		this.mongo.dropCollection("articles");
		this.mongo.dropCollection(BaiduPushOutbox.COLLECTION);
		this.mongo.dropCollection(BaiduPushOutbox.QUOTA_COLLECTION);
		this.clock.reset();
		baidu.reset();
	}

	@Test
	void aPublishedArticleIsPushedOnceWithSiteTokenAndPlainText() throws Exception {
		create("ai-agent", this.clock.instant().minusSeconds(1).toString());
		assertThat(baidu.requests).as("the publish itself sends nothing").isEmpty();

		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(baidu.requests).hasSize(1);
		BaiduPushStub.Request request = baidu.requests.get(0);
		assertThat(request.path()).isEqualTo("/urls");
		assertThat(request.query()).containsEntry("site", SITE).containsEntry("token", "test-token").hasSize(2);
		assertThat(MediaType.parseMediaType(request.contentType()).isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
		assertThat(request.urls()).containsExactly(SITE + "/articles/ai-agent");

		BaiduPush push = this.outbox.find(SITE + "/articles/ai-agent").orElseThrow();
		assertThat(push.status()).isEqualTo(Status.DONE);
		assertThat(push.remain()).isEqualTo(99);
		assertThat(push.attempts()).isEqualTo(1);
		assertThat(push.sentAt()).isEqualTo(this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(this.meters.get(BaiduPushSender.REMAINING).gauge().value()).isEqualTo(99.0);

		// Sent: the next run and a second publish add nothing.
		publish(idOf("ai-agent"));
		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).hasSize(1);
	}

	@Test
	void aScheduledArticleIsPushedWhenItsTimeComesAndNotIfArchivedBefore() throws Exception {
		create("later", this.clock.instant().plus(Duration.ofHours(2)).toString());
		create("never", this.clock.instant().plus(Duration.ofHours(2)).toString());
		create("draft", null);
		this.mvc.perform(delete("/api/admin/articles/" + idOf("never")).header(HttpHeaders.AUTHORIZATION, bearer()))
			.andExpect(status().is2xxSuccessful());
		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).isEmpty();

		this.clock.advance(Duration.ofHours(2));
		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(baidu.pushedUrls()).containsExactly(SITE + "/articles/later");
	}

	@Test
	void aServerErrorIsRetriedAndTheUrlSentOnce() throws Exception {
		baidu.scripted.add(new BaiduPushStub.Answer(500, "{\"error\":500,\"message\":\"internal error\"}"));
		create("retried", this.clock.instant().minusSeconds(1).toString());

		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(baidu.requests).hasSize(2);
		BaiduPush push = this.outbox.find(SITE + "/articles/retried").orElseThrow();
		assertThat(push.status()).isEqualTo(Status.DONE);
		assertThat(push.attempts()).isEqualTo(1);
		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).hasSize(2);
	}

	@Test
	void anInvalidTokenFailsTheUrlWithBaidusMessageAfterTheAttempts() throws Exception {
		for (int i = 0; i < 10; i++) {
			baidu.scripted.add(new BaiduPushStub.Answer(401, "{\"error\":401,\"message\":\"token is not valid\"}"));
		}
		create("bad-token", this.clock.instant().minusSeconds(1).toString());
		String url = SITE + "/articles/bad-token";

		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).as("a 4xx is an answer, not retried at once").hasSize(1);
		BaiduPush first = this.outbox.find(url).orElseThrow();
		assertThat(first.status()).isEqualTo(Status.PENDING);
		assertThat(first.lastError()).contains("token is not valid");
		assertThat(this.sender.sendDue()).as("waits for its backoff").isZero();
		assertThat(baidu.requests).hasSize(1);

		for (int attempt = 2; attempt <= 5; attempt++) {
			this.clock.advance(Duration.ofHours(1));
			this.sender.sendDue();
		}
		BaiduPush failed = this.outbox.find(url).orElseThrow();
		assertThat(failed.status()).isEqualTo(Status.FAILED);
		assertThat(failed.attempts()).isEqualTo(5);
		assertThat(failed.lastError()).contains("token is not valid");
		assertThat(baidu.requests).hasSize(5);
		this.clock.advance(Duration.ofDays(1));
		this.sender.sendDue();
		assertThat(baidu.requests).hasSize(5);
	}

	@Test
	void aConnectionErrorIsRetriedThenWaitsForTheNextAttemptWithoutRecordingTheToken() throws Exception {
		for (int i = 0; i < 3; i++) {
			baidu.scripted.add(new BaiduPushStub.Answer(BaiduPushStub.DROP, ""));
		}
		create("dropped", this.clock.instant().minusSeconds(1).toString());
		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).hasSize(3);
		BaiduPush push = this.outbox.find(SITE + "/articles/dropped").orElseThrow();
		assertThat(push.status()).isEqualTo(Status.PENDING);
		assertThat(push.attempts()).isEqualTo(1);
		assertThat(push.lastError()).startsWith("Baidu unreachable").doesNotContain("test-token");

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(this.outbox.find(SITE + "/articles/dropped").orElseThrow().status()).isEqualTo(Status.DONE);
	}

	@Test
	void twoSendersPushEveryUrlOnce() throws Exception {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			create("many-" + i, this.clock.instant().minusSeconds(1).toString());
			expected.add(SITE + "/articles/many-" + i);
		}
		ExecutorService replicas = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(replicas.submit(() -> {
					start.await();
					return this.sender.sendDue();
				}));
			}
			start.countDown();
			int sent = 0;
			for (Future<Integer> run : runs) {
				sent += run.get(30, TimeUnit.SECONDS);
			}
			assertThat(sent).isEqualTo(10);
		}
		finally {
			replicas.shutdownNow();
		}
		assertThat(baidu.pushedUrls()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(baidu.requests).allSatisfy(request -> assertThat(request.urls()).hasSizeBetween(1, 3));
	}

	@Test
	void nothingMoreIsSentTheDayTheQuotaIsUsedUp() throws Exception {
		baidu.remain = 0;
		create("last-today", this.clock.instant().minusSeconds(1).toString());
		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(this.meters.get(BaiduPushSender.REMAINING).gauge().value()).isZero();

		create("tomorrow", this.clock.instant().minusSeconds(1).toString());
		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).hasSize(1);

		this.clock.advance(Duration.ofDays(1));
		baidu.scripted.add(new BaiduPushStub.Answer(400, "{\"error\":400,\"message\":\"over quota\"}"));
		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).hasSize(2);
		BaiduPush postponed = this.outbox.find(SITE + "/articles/tomorrow").orElseThrow();
		assertThat(postponed.status()).isEqualTo(Status.PENDING);
		assertThat(postponed.attempts()).as("over quota is no failed attempt").isZero();
		assertThat(this.sender.sendDue()).isZero();
		assertThat(baidu.requests).hasSize(2);

		this.clock.advance(Duration.ofDays(1));
		baidu.remain = 10;
		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(baidu.pushedUrls()).endsWith(SITE + "/articles/tomorrow");
		assertThat(this.mongo.count(new Query(), BaiduPushOutbox.COLLECTION)).isEqualTo(2);
	}

	void create(String slug, String publishAt) throws Exception {
		String json = """
				{"title": "标题 %s", "slug": "%s", "summary": "摘要", "body": "<p>大模型正在改变企业。</p>",
				 "category": "tech", "tags": []%s}
				""".formatted(slug, slug, (publishAt == null) ? "" : ", \"publishAt\": \"" + publishAt + "\"");
		this.mvc
			.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated());
	}

	void publish(String id) throws Exception {
		this.mvc.perform(post("/api/admin/articles/" + id + "/publish").header(HttpHeaders.AUTHORIZATION, bearer()))
			.andExpect(status().is2xxSuccessful());
	}

	String idOf(String slug) {
		return this.mongo.findOne(Query.query(Criteria.where("slug").is(slug)), Document.class, "articles")
			.getObjectId("_id")
			.toHexString();
	}

	static String bearer() {
		return "Bearer " + LocalTokens.local().issue("EDITOR");
	}

	private static BaiduPushStub start() {
		try {
			return new BaiduPushStub();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
