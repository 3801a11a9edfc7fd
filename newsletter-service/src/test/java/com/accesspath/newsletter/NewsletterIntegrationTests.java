package com.accesspath.newsletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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

import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.MutableClock;
import com.accesspath.devstack.test.RealDatabases;
import com.accesspath.newsletter.digest.DigestRunner;
import com.accesspath.newsletter.subscription.Frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "newsletter-test")
@Import(MutableClock.Config.class)
class NewsletterIntegrationTests {

	static final String WECHAT_TOKEN = "wechat-test-token";

	/**
	 * A free port of its own, not GreenMail's fixed 3025: devstack's SMTP server holds that one while
	 * {@code ./platform up} runs, and the tests must pass beside it.
	 */
	static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(SMTP);

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static final SiteStub site = start(SiteStub::new);

	static final WeChatApiStub wechatApi = start(WeChatApiStub::new);

	interface Starter<T> {

		T start() throws Exception;

	}

	static <T> T start(Starter<T> starter) {
		try {
			return starter.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", SMTP::getPort);
		registry.add("accesspath.newsletter.article-service-url", site::url);
		registry.add("accesspath.newsletter.ranking-service-url", site::url);
		registry.add("accesspath.newsletter.send-rate-per-second", () -> "1000");
		registry.add("accesspath.wechat.token", () -> WECHAT_TOKEN);
		registry.add("accesspath.wechat.app-id", () -> "wx-test-app");
		registry.add("accesspath.wechat.app-secret", () -> "secret");
		registry.add("accesspath.wechat.api-base-url", wechatApi::url);
	}

	@AfterAll
	static void stopStubs() {
		site.close();
		wechatApi.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MutableClock clock;

	@Autowired
	DigestRunner digests;

	@Autowired
	com.accesspath.newsletter.subscription.SubscriptionService subscriptionService;

	/** Each test's SMTP server lives for the test: no mail of one may still be on its way into the next. */
	@org.junit.jupiter.api.AfterEach
	void mailDelivered() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.subscriptionService.queuedMails() == 0);
	}

	@BeforeEach
	void empty() {
		for (String collection : List.of("subscribers", "digestRuns", "wechatFollowers")) {
			this.mongo.dropCollection(collection);
		}
		this.redis.delete(this.redis.keys("nl:*"));
		this.clock.reset();
	}

	ResultActions subscribe(String email) throws Exception {
		return this.mvc.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.USER_AGENT, "Firefox")
			.content("{\"email\": \"" + email + "\", \"topics\": [\"news\", \"大模型\"], \"frequency\": \"daily\", \"consent\": true}"));
	}

	MimeMessage awaitMail(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= count);
		return smtp.getReceivedMessages()[count - 1];
	}

	/** The decoded text of every part (the raw body is base64 or quoted-printable). */
	static String textOf(jakarta.mail.Part part) {
		try {
			Object content = part.getContent();
			if (content instanceof String text) {
				return text;
			}
			if (content instanceof jakarta.mail.Multipart multipart) {
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

	static String link(MimeMessage message, String path) {
		Matcher matcher = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)").matcher(textOf(message));
		assertThat(matcher.find()).as("a " + path + " link in the mail").isTrue();
		return matcher.group(1);
	}

	/** The newest mail to {@code address} with that subject (mails leave asynchronously, in any order). */
	MimeMessage awaitMailTo(String address, String subject) {
		java.util.concurrent.atomic.AtomicReference<MimeMessage> found = new java.util.concurrent.atomic.AtomicReference<>();
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

	String subscribeAndConfirm(String email) throws Exception {
		subscribe(email).andExpect(status().isAccepted());
		String token = link(awaitMailTo(email, "请确认订阅 AccessPath AI 资讯"), "/subscriptions/confirm");
		mvc.perform(get("/api/subscriptions/confirm").param("token", token)).andExpect(status().isOk());
		return token;
	}

	long stored() {
		return this.mongo.count(new Query(), "subscribers");
	}

	@Nested
	class DoubleOptIn {

		@Test
		void subscribeMailConfirmAndStats() throws Exception {
			subscribe("Reader@Example.com").andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("accepted"));
			MimeMessage mail = awaitMail(1);
			assertThat(mail.getSubject()).isEqualTo("请确认订阅 AccessPath AI 资讯");
			assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("reader@example.com");
			String raw = GreenMailUtil.getBody(mail);
			assertThat(raw).contains("text/plain").contains("text/html");
			assertThat(textOf(mail)).contains("确认订阅").contains("reader@example.com");
			// The link opens the web client's page, which confirms; the API path is not what readers see.
			assertThat(textOf(mail)).contains("/subscriptions/confirm?token=").doesNotContain("/api/");
			String token = link(mail, "/subscriptions/confirm");
			mvc.perform(get("/api/subscriptions/preferences").param("token", token)).andExpect(status().isNotFound());
			mvc.perform(post("/api/subscriptions/confirm").param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("CONFIRMED"))
				.andExpect(jsonPath("$.email").value("r***@example.com"))
				.andExpect(jsonPath("$.frequency").value("daily"));
			mvc.perform(get("/api/subscriptions/confirm").param("token", token)).andExpect(status().isNotFound());
			mvc.perform(get("/api/admin/newsletter/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("EDITOR")))
				.andExpect(jsonPath("$.confirmed").value(1))
				.andExpect(jsonPath("$.pending").value(0));
		}

		@Test
		void theAnswerIsTheSameForNewPendingAndConfirmedAddresses() throws Exception {
			String fresh = subscribe("new@example.com").andReturn().getResponse().getContentAsString();
			String pending = subscribe("new@example.com").andReturn().getResponse().getContentAsString();
			subscribeAndConfirm("known@example.com");
			String confirmed = subscribe("known@example.com").andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
			assertThat(pending).isEqualTo(fresh);
			assertThat(confirmed).isEqualTo(fresh);
			// The owner of a confirmed address is told, by mail only.
			assertThat(awaitMailTo("known@example.com", "您已订阅 AccessPath AI 资讯")).isNotNull();
		}

		@Test
		void expiredOrUnknownConfirmationLinksAre404() throws Exception {
			subscribe("late@example.com");
			String token = link(awaitMail(1), "/subscriptions/confirm");
			clock.advance(Duration.ofHours(49));
			mvc.perform(get("/api/subscriptions/confirm").param("token", token)).andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(get("/api/subscriptions/confirm").param("token", "made-up")).andExpect(status().isNotFound());
			mvc.perform(get("/api/subscriptions/confirm")).andExpect(status().isNotFound());
		}

		@Test
		void badInputIs400StoresAndSendsNothing() throws Exception {
			for (String body : List.of("{\"email\": \"not-an-email\", \"consent\": true}", "{\"email\": \"a@example.com\"}",
					"{\"email\": \"a@example.com\", \"consent\": false}", "{\"email\": \"a@example.com\", \"topics\": [\"gambling\"], \"consent\": true}",
					"{\"email\": \"a@example.com\", \"frequency\": \"hourly\", \"consent\": true}",
					"{\"email\": \"" + "a".repeat(250) + "@example.com\", \"consent\": true}", "{\"email\": {\"$gt\": \"\"}, \"consent\": true}",
					"{\"email\": ")) {
				mvc.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON).content(body))
					.andExpect(status().isBadRequest())
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			}
			assertThat(stored()).isZero();
			await().pollDelay(Duration.ofMillis(300)).until(() -> true);
			assertThat(smtp.getReceivedMessages()).isEmpty();
		}

		@Test
		void consentIsStored() throws Exception {
			subscribe("consent@example.com");
			org.bson.Document consent = mongo.findAll(org.bson.Document.class, "subscribers").get(0)
				.getList("consents", org.bson.Document.class).get(0);
			assertThat(consent.getString("ip")).isEqualTo("127.0.0.1");
			assertThat(consent.getString("userAgent")).isEqualTo("Firefox");
			assertThat(consent.getString("textVersion")).isEqualTo("2026-01");
			assertThat(consent.getDate("at")).isNotNull();
		}

	}

	@Nested
	class DigestsAndUnsubscribing {

		@Test
		void digestArrivesWithOneClickUnsubscribeThatWorks() throws Exception {
			subscribeAndConfirm("digest@example.com");
			digests.run(Frequency.DAILY, Integer.MAX_VALUE);
			MimeMessage digest = awaitMail(2);
			assertThat(subject(digest)).startsWith("AccessPath AI 资讯 · 每日精选");
			assertThat(textOf(digest)).contains("OpenAI 与北约商谈").contains("/articles/openai-nato").contains("阿联酋基因方舟");
			String listUnsubscribe = digest.getHeader("List-Unsubscribe")[0];
			assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
			// Mail clients POST to the API; readers' links open the web pages, which act only on a click.
			assertThat(listUnsubscribe).contains("/api/subscriptions/unsubscribe?token=");
			assertThat(textOf(digest)).contains("/subscriptions/unsubscribe?token=").doesNotContain("/api/subscriptions/");
			String token = listUnsubscribe.replaceFirst("^<.*token=", "").replace(">", "");
			// A mail scanner following the link changes nothing.
			mvc.perform(get("/api/subscriptions/unsubscribe").param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("CONFIRMED"));
			mvc.perform(post("/api/subscriptions/unsubscribe").param("token", token)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UNSUBSCRIBED"));
			assertThat(digests.run(Frequency.DAILY, Integer.MAX_VALUE).sent()).isEqualTo(1);
			// Subscribing again needs a new confirmation.
			subscribe("digest@example.com").andExpect(status().isAccepted());
			MimeMessage again = awaitMail(3);
			assertThat(again.getSubject()).isEqualTo("请确认订阅 AccessPath AI 资讯");
			mvc.perform(get("/api/subscriptions/preferences").param("token", token)).andExpect(status().isNotFound());
		}

		@Test
		void preferencesCanBeReadAndChanged() throws Exception {
			subscribeAndConfirm("prefs@example.com");
			digests.run(Frequency.DAILY, Integer.MAX_VALUE);
			String token = awaitMail(2).getHeader("List-Unsubscribe")[0].replaceFirst("^<.*token=", "").replace(">", "");
			mvc.perform(put("/api/subscriptions/preferences").param("token", token).contentType(MediaType.APPLICATION_JSON)
				.content("{\"topics\": [\"cases\"], \"frequency\": \"weekly\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.topics[0]").value("cases"))
				.andExpect(jsonPath("$.frequency").value("weekly"));
			mvc.perform(put("/api/subscriptions/preferences").param("token", token).contentType(MediaType.APPLICATION_JSON)
				.content("{\"topics\": [\"nope\"]}")).andExpect(status().isBadRequest());
		}

		@Test
		void aRunInterruptedAndResumedSendsNoOneTwice() throws Exception {
			for (int i = 0; i < 5; i++) {
				subscribeAndConfirm("r" + i + "@example.com");
			}
			int confirmations = smtp.getReceivedMessages().length;
			assertThat(digests.run(Frequency.DAILY, 2).sent()).isEqualTo(2);
			assertThat(digests.run(Frequency.DAILY, Integer.MAX_VALUE).sent()).isEqualTo(5);
			assertThat(digests.run(Frequency.DAILY, Integer.MAX_VALUE).sent()).isEqualTo(5);
			awaitMail(confirmations + 5);
			assertThat(digestsPerAddress()).hasSize(5).allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
		}

		@Test
		void twoRunnersAtOnceSendNoOneTwice() throws Exception {
			for (int i = 0; i < 12; i++) {
				subscribeAndConfirm("c" + i + "@example.com");
			}
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<?>> runs = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					runs.add(pool.submit(() -> digests.run(Frequency.DAILY, Integer.MAX_VALUE)));
				}
				for (Future<?> run : runs) {
					run.get();
				}
			}
			finally {
				pool.shutdown();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> digestsPerAddress().size() == 12);
			assertThat(digestsPerAddress()).allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
		}

		@Test
		void editorStartsADigestAndWatchesItsProgress() throws Exception {
			subscribeAndConfirm("manual@example.com");
			String auth = "Bearer " + LocalTokens.local().issue("EDITOR");
			String id = JsonPath.read(mvc.perform(post("/api/admin/newsletter/digests").header(HttpHeaders.AUTHORIZATION, auth)
				.contentType(MediaType.APPLICATION_JSON).content("{\"frequency\": \"daily\"}"))
				.andExpect(status().isAccepted())
				.andReturn().getResponse().getContentAsString(), "$.id");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/admin/newsletter/digests/" + id)
				.header(HttpHeaders.AUTHORIZATION, auth)).andExpect(jsonPath("$.status").value("DONE")).andExpect(jsonPath("$.sent").value(1)));
			mvc.perform(post("/api/admin/newsletter/digests").header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("SALES"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"frequency\": \"daily\"}")).andExpect(status().isForbidden());
			mvc.perform(get("/api/admin/newsletter/digests/nope").header(HttpHeaders.AUTHORIZATION, auth)).andExpect(status().isNotFound());
		}

		Map<String, Integer> digestsPerAddress() {
			Map<String, Integer> counts = new HashMap<>();
			for (MimeMessage message : smtp.getReceivedMessages()) {
				if (subject(message).contains("精选")) {
					try {
						counts.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
					}
					catch (jakarta.mail.MessagingException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
			return counts;
		}

	}

	@Nested
	class WeChat {

		String signature(String timestamp, String nonce) {
			String[] parts = { WECHAT_TOKEN, timestamp, nonce };
			java.util.Arrays.sort(parts);
			try {
				return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
					.digest(String.join("", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		ResultActions callback(String xml, String nonce, Instant at) throws Exception {
			String timestamp = Long.toString(at.getEpochSecond());
			return mvc.perform(post("/api/wechat/callback").param("signature", signature(timestamp, nonce)).param("timestamp", timestamp)
				.param("nonce", nonce).contentType(MediaType.TEXT_XML).content(xml));
		}

		static String event(String openId, String event, String eventKey, long createTime) {
			return "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + openId + "]]></FromUserName>"
					+ "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event
					+ "]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey></xml>";
		}

		@Test
		void urlCheckEchoesOnlyWithAValidSignature() throws Exception {
			String timestamp = Long.toString(clock.instant().getEpochSecond());
			mvc.perform(get("/api/wechat/callback").param("signature", signature(timestamp, "n1")).param("timestamp", timestamp)
				.param("nonce", "n1").param("echostr", "hello-wechat"))
				.andExpect(status().isOk())
				.andExpect(content().string("hello-wechat"));
			mvc.perform(get("/api/wechat/callback").param("signature", "forged").param("timestamp", timestamp).param("nonce", "n1")
				.param("echostr", "x")).andExpect(status().isForbidden());
			mvc.perform(get("/api/wechat/callback").param("echostr", "x")).andExpect(status().isBadRequest());
		}

		@Test
		void subscribeIsRecordedWithItsSceneAndWelcomedAndARetryIsHandledOnce() throws Exception {
			long created = clock.instant().getEpochSecond();
			String xml = event("openid-1", "subscribe", "qrscene_home-banner", created);
			callback(xml, "n1", clock.instant()).andExpect(status().isOk())
				.andExpect(content().string(containsString("欢迎关注")))
				.andExpect(content().string(containsString("<ToUserName><![CDATA[openid-1]]></ToUserName>")));
			org.bson.Document follower = mongo.findAll(org.bson.Document.class, "wechatFollowers").get(0);
			assertThat(follower.getString("status")).isEqualTo("FOLLOWING");
			assertThat(follower.getString("scene")).isEqualTo("home-banner");
			Object firstFollow = follower.get("lastFollowAt");
			clock.advance(Duration.ofSeconds(5));
			// WeChat retries the same event (new nonce): acknowledged, not handled again.
			callback(xml, "n2", clock.instant()).andExpect(status().isOk()).andExpect(content().string("success"));
			assertThat(mongo.findAll(org.bson.Document.class, "wechatFollowers").get(0).get("lastFollowAt")).isEqualTo(firstFollow);
			callback(event("openid-1", "unsubscribe", "", created + 60), "n3", clock.instant()).andExpect(status().isOk());
			assertThat(mongo.findAll(org.bson.Document.class, "wechatFollowers").get(0).getString("status")).isEqualTo("UNFOLLOWED");
		}

		@Test
		void textMessagesGetAReplyAndScanIsRecorded() throws Exception {
			callback(event("openid-2", "subscribe", "", clock.instant().getEpochSecond()), "a", clock.instant());
			callback(event("openid-2", "SCAN", "footer", clock.instant().getEpochSecond() + 1), "b", clock.instant())
				.andExpect(content().string(containsString("欢迎回来")));
			assertThat(mongo.findAll(org.bson.Document.class, "wechatFollowers").get(0).getString("lastScene")).isEqualTo("footer");
			String text = "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[openid-2]]></FromUserName><CreateTime>1</CreateTime>"
					+ "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>1234567</MsgId></xml>";
			callback(text, "c", clock.instant()).andExpect(content().string(containsString("感谢留言")));
		}

		@Test
		void forgedReplayedStaleAndXxeMessagesAreRefusedAndStoreNothing() throws Exception {
			String xml = event("openid-3", "subscribe", "", clock.instant().getEpochSecond());
			String timestamp = Long.toString(clock.instant().getEpochSecond());
			mvc.perform(post("/api/wechat/callback").param("signature", "0".repeat(40)).param("timestamp", timestamp).param("nonce", "x")
				.contentType(MediaType.TEXT_XML).content(xml)).andExpect(status().isForbidden());
			callback(xml, "old", clock.instant().minus(Duration.ofMinutes(10))).andExpect(status().isForbidden());
			String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
					+ "<xml><FromUserName>&x;</FromUserName><MsgType>event</MsgType><Event>subscribe</Event></xml>";
			callback(xxe, "xxe", clock.instant()).andExpect(status().isBadRequest());
			callback("<xml><broken", "broken", clock.instant()).andExpect(status().isBadRequest());
			mvc.perform(post("/api/wechat/callback").contentType(MediaType.TEXT_XML).content(xml)).andExpect(status().isBadRequest());
			assertThat(mongo.count(new Query(), "wechatFollowers")).isZero();
			callback(xml, "once", clock.instant()).andExpect(status().isOk());
			// The very same signed request again is a replay.
			callback(xml, "once", clock.instant()).andExpect(status().isForbidden());
			assertThat(mongo.count(new Query(), "wechatFollowers")).isEqualTo(1);
		}

		@Test
		void qrCodesComeFromWeChatWithOneSharedAccessToken() throws Exception {
			int tokensBefore = wechatApi.tokenCalls.get();
			mvc.perform(get("/api/wechat/qrcode").param("scene", "home"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.url").value(containsString("ticket-")))
				.andExpect(jsonPath("$.expiresIn").isNumber());
			mvc.perform(get("/api/wechat/qrcode").param("scene", "footer")).andExpect(status().isOk());
			mvc.perform(get("/api/wechat/qrcode").param("scene", "home")).andExpect(status().isOk());
			assertThat(wechatApi.tokenCalls.get() - tokensBefore).isLessThanOrEqualTo(1);
			assertThat(redis.keys("nl:wechat*access_token*")).isNotEmpty();
			mvc.perform(get("/api/wechat/qrcode").param("scene", "bad scene!")).andExpect(status().isBadRequest());
		}

	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
