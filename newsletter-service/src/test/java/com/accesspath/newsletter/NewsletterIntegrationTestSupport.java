package com.accesspath.newsletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.devstack.test.MutableClock;
import com.accesspath.devstack.test.RealDatabases;
import com.accesspath.newsletter.outbox.Outbox;
import com.accesspath.newsletter.subscription.SubscriberRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What every feature's integration tests share: one application context (same properties,
 * same stubs, so Spring's context cache starts it once for all of them), a real SMTP
 * server, the stand-ins for the other services and WeChat, empty collections before each
 * test, and helpers for subscribing and reading mails.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "newsletter-test")
@Import(MutableClock.Config.class)
public abstract class NewsletterIntegrationTestSupport {

	protected static final String WECHAT_TOKEN = "wechat-test-token";

	protected static final String SITE_URL = "https://www.accesspath.cn";

	protected static final String BOUNCE_RETURN_PATH = "bounces@accesspath.local";

	protected static final String BOUNCE_WEBHOOK_SECRET = "bounce-webhook-test-secret";

	/**
	 * A free port of its own, not GreenMail's fixed 3025: devstack's SMTP server holds
	 * that one while {@code ./platform up} runs, and the tests must pass beside it.
	 */
	static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	@RegisterExtension
	protected static final GreenMailExtension smtp = new GreenMailExtension(SMTP);

	// The stubs live as long as the test JVM: the one shared context calls them from
	// every feature's tests.
	protected static final SiteStub site = start(SiteStub::new);

	protected static final WeChatApiStub wechatApi = start(WeChatApiStub::new);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", SMTP::getPort);
		registry.add("spring.http.serviceclient.article-service.base-url", site::url);
		registry.add("spring.http.serviceclient.ranking-service.base-url", site::url);
		registry.add("spring.http.serviceclient.ranking-service.read-timeout", () -> "500ms");
		registry.add("accesspath.newsletter.send-rate-per-second", () -> "1000");
		registry.add("accesspath.wechat.token", () -> WECHAT_TOKEN);
		registry.add("accesspath.wechat.app-id", () -> "wx-test-app");
		registry.add("accesspath.wechat.app-secret", () -> "secret");
		registry.add("accesspath.wechat.api-base-url", wechatApi::url);
		registry.add("accesspath.wechat.site-url", () -> SITE_URL);
		// The shared context pushes no menu and syncs no followers on its own, behind the
		// tests' backs: the wechat tests start those themselves.
		registry.add("accesspath.wechat.menu.enabled", () -> "false");
		registry.add("accesspath.wechat.follower-sync.enabled", () -> "false");
		registry.add("accesspath.newsletter.bounces.return-path", () -> BOUNCE_RETURN_PATH);
		registry.add("accesspath.newsletter.bounces.webhook-secret", () -> BOUNCE_WEBHOOK_SECRET);
	}

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected Outbox outbox;

	@Autowired
	SubscriberRepository subscriberIndexes;

	/**
	 * Each test's SMTP server lives for the test: no mail of one may still be on its way
	 * into the next.
	 */
	@AfterEach
	void mailDelivered() {
		await().atMost(Duration.ofSeconds(20)).until(this.outbox::idle);
	}

	@BeforeEach
	void empty() {
		for (String collection : List.of("subscribers", "digestRuns", "digestContents", "digestClicks", "outbox",
				"wechatFollowers")) {
			this.mongo.dropCollection(collection);
		}
		// Unique indexes are behaviour (one subscriber per address, one mail per key).
		this.subscriberIndexes.afterPropertiesSet();
		this.outbox.afterPropertiesSet();
		this.redis.delete(this.redis.keys("nl:*"));
		this.clock.reset();
	}

	protected ResultActions subscribe(String email) throws Exception {
		return subscribe(email, "[\"news\", \"大模型\"]");
	}

	protected ResultActions subscribe(String email, String topicsJson) throws Exception {
		return this.mvc.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.USER_AGENT, "Firefox")
			.content("{\"email\": \"" + email + "\", \"topics\": " + topicsJson
					+ ", \"frequency\": \"daily\", \"consent\": true}"));
	}

	protected MimeMessage awaitMail(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= count);
		return smtp.getReceivedMessages()[count - 1];
	}

	/** The decoded text of every part (the raw body is base64 or quoted-printable). */
	protected static String textOf(Part part) {
		try {
			Object content = part.getContent();
			if (content instanceof String text) {
				return text;
			}
			if (content instanceof Multipart multipart) {
				StringBuilder all = new StringBuilder();
				for (int i = 0; i < multipart.getCount(); i++) {
					all.append(textOf(multipart.getBodyPart(i))).append('\n');
				}
				return all.toString();
			}
			return "";
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected static String link(MimeMessage message, String path) {
		Matcher matcher = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)").matcher(textOf(message));
		assertThat(matcher.find()).as("a " + path + " link in the mail").isTrue();
		return matcher.group(1);
	}

	/**
	 * The newest mail to {@code address} with that subject (mails leave asynchronously,
	 * in any order).
	 */
	protected MimeMessage awaitMailTo(String address, String subject) {
		AtomicReference<MimeMessage> found = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			for (MimeMessage message : smtp.getReceivedMessages()) {
				if (message.getAllRecipients()[0].toString().equals(address) && subject(message).equals(subject)) {
					found.set(message);
				}
			}
			return found.get() != null;
		});
		return found.get();
	}

	protected String subscribeAndConfirm(String email) throws Exception {
		subscribe(email).andExpect(status().isAccepted());
		String token = link(awaitMailTo(email, "请确认订阅 AccessPath AI 资讯"), "/subscriptions/confirm");
		this.mvc.perform(get("/api/subscriptions/confirm").param("token", token)).andExpect(status().isOk());
		return token;
	}

	protected long stored() {
		return this.mongo.count(new Query(), "subscribers");
	}

	protected static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private interface Starter<T> {

		T start() throws Exception;

	}

	private static <T> T start(Starter<T> starter) {
		try {
			return starter.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
