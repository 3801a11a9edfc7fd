package com.accesspath.leads.download;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/downloads} and {@code GET /api/downloads/{token}}, with a real SMTP
 * server (GreenMail) and the MongoDB-protocol server.
 */
class DownloadIntegrationTests extends LeadsIntegrationTest {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static final String GUIDE = "ai-landing-guide";

	static final String REQUEST = """
			{"resource": "ai-landing-guide", "name": "李娜", "company": "星河制造", "email": "li.na@example.com",
			 "phone": "13912345678", "title": "数字化总监", "consent": true,
			 "source": {"page": "/guide", "cta": "aside-guide", "utm": {"source": "wechat"}}}
			""";

	static final Pattern LINK = Pattern.compile("https://www\\.accesspath\\.cn/api/downloads/([A-Za-z0-9_-]{43})");

	@Autowired
	DownloadMailer mailer;

	@BeforeEach
	void articles() {
		articleService.article(GUIDE, "免费获取 AI 落地指南", "ai-landing-guide.pdf");
		articleService.article("no-file", "没有附件的文章", null);
	}

	/**
	 * Every request's first attempt is over before the next test (whose GreenMail is
	 * another).
	 */
	@AfterEach
	void firstAttemptsOver() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.mongo.count(
					Query.query(Criteria.where("mail.state").is("PENDING").and("mail.attempts").is(0)),
					DownloadGrants.COLLECTION) == 0);
	}

	ResultActions request(String body, String idempotencyKey) throws Exception {
		var request = post("/api/downloads").contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.header(HttpHeaders.USER_AGENT, "Firefox")
			.with(servletRequest -> {
				servletRequest.setRemoteAddr("203.0.113.24");
				return servletRequest;
			});
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.mvc.perform(request);
	}

	static MimeMessage awaitMail(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= count);
		return smtp.getReceivedMessages()[count - 1];
	}

	static String token(MimeMessage mail) {
		Matcher link = LINK.matcher(textOf(mail));
		assertThat(link.find()).as("a download link in the mail").isTrue();
		return link.group(1);
	}

	/** The decoded text of every part (the raw body is base64 or quoted-printable). */
	static String textOf(Part part) {
		try {
			Object content = part.getContent();
			if (content instanceof Multipart multipart) {
				StringBuilder all = new StringBuilder();
				for (int i = 0; i < multipart.getCount(); i++) {
					all.append(textOf(multipart.getBodyPart(i))).append('\n');
				}
				return all.toString();
			}
			return (content instanceof String text) ? text : "";
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	ResultActions follow(String token) throws Exception {
		return this.mvc.perform(get("/api/downloads/" + token));
	}

	Document onlyDownload() {
		List<Document> downloads = all(DownloadGrants.COLLECTION);
		assertThat(downloads).hasSize(1);
		return downloads.get(0);
	}

	void assertNothingStoredOrMailed() {
		assertThat(count("leads")).isZero();
		assertThat(count(DownloadGrants.COLLECTION)).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Nested
	class Requests {

		@Test
		void aRequestBecomesADownloadLeadAndAMailWhoseLinkLeadsToTheFile() throws Exception {
			request(REQUEST, null).andExpect(status().isAccepted())
				.andExpect(jsonPath("$.message").value(DownloadController.ACCEPTED));
			Document lead = all("leads").get(0);
			assertThat(lead.getString("type")).isEqualTo("DOWNLOAD");
			assertThat(lead.get("company", Document.class).getString("name")).isEqualTo("星河制造");
			assertThat(lead.get("contact", Document.class).getString("title")).isEqualTo("数字化总监");
			assertThat(lead.get("source", Document.class).getString("cta")).isEqualTo("aside-guide");
			Document submission = lead.getList("submissions", Document.class).get(0);
			assertThat(submission.getString("type")).isEqualTo("DOWNLOAD");
			assertThat(submission.getString("message")).contains("免费获取 AI 落地指南");
			Document consent = submission.get("consent", Document.class);
			assertThat(consent.getBoolean("given")).isTrue();
			assertThat(consent.getString("ip")).isEqualTo("203.0.113.24");
			assertThat(consent.getString("userAgent")).isEqualTo("Firefox");
			assertThat(consent.getString("textVersion")).isEqualTo("2026-01");
			assertThat(consent.getDate("at")).isNotNull();

			MimeMessage mail = awaitMail(1);
			assertThat(mail.getSubject()).isEqualTo("您申请的《免费获取 AI 落地指南》下载链接");
			assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("li.na@example.com");
			assertThat(textOf(mail)).contains("李娜,您好", "7 天内有效", "<a href=\"https://www.accesspath.cn/api/downloads/");
			String token = token(mail);

			await().until(() -> "SENT".equals(onlyDownload().get("mail", Document.class).getString("state")));
			Document download = onlyDownload();
			assertThat(download.toJson()).doesNotContain(token, "li.na@example.com", "李娜");
			assertThat(download.getList("tokenHashes", String.class)).containsExactly(DownloadTokens.hash(token));
			assertThat(download.getString("leadId")).isEqualTo(lead.getObjectId("_id").toHexString());

			for (int i = 0; i < 2; i++) {
				follow(token).andExpect(status().isFound())
					.andExpect(header().string(HttpHeaders.LOCATION,
							"https://www.accesspath.cn/media/ai-landing-guide.pdf"))
					.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
					.andExpect(header().string("Referrer-Policy", "no-referrer"));
			}
			assertThat(onlyDownload().getInteger("downloads")).isEqualTo(2);
			List<Document> history = all("leads").get(0).getList("history", Document.class);
			assertThat(history.stream().filter(entry -> "DOWNLOADED".equals(entry.getString("action")))).hasSize(1);
		}

		@Test
		void theAnswerIsTheSameForAKnownPersonWhoseRequestJoinsTheirLead() throws Exception {
			String first = request(REQUEST, null).andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String again = request(REQUEST, null).andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(again).isEqualTo(first);
			assertThat(all("leads")).hasSize(1);
			assertThat(all("leads").get(0).getList("submissions", Document.class)).hasSize(2);
			// A download is interest, scored below a request to be contacted.
			assertThat(all("leads").get(0).getList("scoreFactors", Document.class))
				.extracting(factor -> factor.getString("label"))
				.contains("下载资料(了解阶段)")
				.doesNotContain("主动留言咨询");
			// The same address asking for the same file a moment later: recorded, and no
			// second mail (nobody can have us mail someone over and over).
			awaitMail(1);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(all(DownloadGrants.COLLECTION))
					.extracting(grant -> grant.get("mail", Document.class).getString("state"))
					.containsExactlyInAnyOrder("SENT", "NOT_SENT_AGAIN"));
			// Later on, a new request gets a new link.
			clock.advance(Duration.ofMinutes(11));
			request(REQUEST, null).andExpect(status().isAccepted());
			awaitMail(2);
			assertThat(token(smtp.getReceivedMessages()[0])).isNotEqualTo(token(smtp.getReceivedMessages()[1]));
			assertThat(smtp.getReceivedMessages()).hasSize(2);
		}

		@Test
		void theMailEscapesWhatTheReaderTyped() throws Exception {
			request(REQUEST.replace("李娜", "<b>李娜</b>"), null).andExpect(status().isAccepted());
			String mail = textOf(awaitMail(1));
			// The HTML part escaped, the plain-text part as typed.
			assertThat(mail).contains("&lt;b&gt;李娜&lt;/b&gt;,您好", "<b>李娜</b>,您好");
		}

		@Test
		void anIdempotencyKeyReplayCreatesNothingMoreAndAnotherBodyIs422() throws Exception {
			request(REQUEST, "d-1").andExpect(status().isAccepted())
				.andExpect(header().string("Idempotent-Replayed", "false"));
			request(REQUEST, "d-1").andExpect(status().isAccepted())
				.andExpect(header().string("Idempotent-Replayed", "true"));
			request(REQUEST.replace("星河制造", "别的公司"), "d-1").andExpect(status().is(422))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			assertThat(all("leads").get(0).getList("submissions", Document.class)).hasSize(1);
			assertThat(count(DownloadGrants.COLLECTION)).isEqualTo(1);
			awaitMail(1);
			await().during(Duration.ofMillis(300)).until(() -> smtp.getReceivedMessages().length == 1);
		}

	}

	@Nested
	class Links {

		@Test
		void aLinkWorksForSevenDaysFromTheMail() throws Exception {
			request(REQUEST, null).andExpect(status().isAccepted());
			String token = token(awaitMail(1));
			clock.advance(Duration.ofDays(7).minusMinutes(1));
			follow(token).andExpect(status().isFound());
			clock.advance(Duration.ofMinutes(2));
			follow(token).andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

		@ParameterizedTest
		@ValueSource(strings = { "x", "q3Vb0yqH8k2mXlJr4nT6cW1sZpA9dEfGhIjKlMnOpQr", "$gt",
				"q3Vb0yqH8k2mXlJr4nT6cW1sZpA9dEfGhIjKlMnOpQr0" })
		void anUnknownTokenIs404(String token) throws Exception {
			follow(token).andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

	}

	@Nested
	class Refused {

		@ParameterizedTest
		@ValueSource(strings = { "\"consent\": true|\"consent\": \"true\"|consent",
				"\"consent\": true|\"consent\": 1|consent", "\"consent\": true|\"consent\": \"yes\"|consent",
				"\"consent\": true|\"consent\": false|consent", "\"consent\": true|\"consented\": true|",
				"\"email\": \"li.na@example.com\"|\"email\": \"li.na\"|email",
				"\"email\": \"li.na@example.com\"|\"mail\": \"li.na@example.com\"|",
				"\"name\": \"李娜\"|\"name\": 12345|name", "\"company\": \"星河制造\"|\"company\": \"\"|company",
				"\"title\": \"数字化总监\"|\"title\": \"数字化\\u0000总监\"|title",
				"\"phone\": \"13912345678\"|\"phone\": \"12345\"|phone",
				"\"resource\": \"ai-landing-guide\"|\"resource\": {\"$gt\": \"\"}|resource",
				"\"resource\": \"ai-landing-guide\"|\"resource\": \"../media/x\"|resource" })
		void badInputIs400AndNothingIsStoredOrMailed(String change) throws Exception {
			String[] parts = change.split("\\|", -1);
			assertThat(REQUEST).contains(parts[0]);
			ResultActions answer = request(REQUEST.replace(parts[0], parts[1]), null).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			if (!parts[2].isEmpty()) {
				answer.andExpect(jsonPath("$.errors[*].field").value(hasItem(parts[2])));
			}
			assertNothingStoredOrMailed();
		}

		@Test
		void tooLongTextOrAWrongTypeInTheSourceIs400() throws Exception {
			request(REQUEST.replace("星河制造", "星".repeat(101)), null).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("company"));
			request(REQUEST.replace("/guide", "/" + "g".repeat(500)), null).andExpect(status().isBadRequest());
			request(REQUEST.replace("\"source\": \"wechat\"", "\"source\": 1"), null)
				.andExpect(status().isBadRequest());
			assertNothingStoredOrMailed();
		}

		@ParameterizedTest
		@ValueSource(strings = { "no-file", "no-such-article" })
		void aResourceWithoutAFileIs422AndStoresNothing(String resource) throws Exception {
			request(REQUEST.replace("\"" + GUIDE + "\"", "\"" + resource + "\""), null).andExpect(status().is(422))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("resource"));
			assertNothingStoredOrMailed();
		}

		@Test
		void whileArticleServiceFailsARequestIs503AndStoresNothing() throws Exception {
			articleService.down(true);
			request(REQUEST, null).andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER));
			assertNothingStoredOrMailed();
		}

	}

	@Nested
	class SmtpOutage {

		@Test
		void whileSmtpIsDownARequestIsAcceptedAndItsMailLeavesOnceSmtpIsBack() throws Exception {
			smtp.stop();
			request(REQUEST, null).andExpect(status().isAccepted());
			assertThat(count("leads")).isEqualTo(1);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> onlyDownload().get("mail", Document.class).getInteger("attempts") == 1);
			Document mail = onlyDownload().get("mail", Document.class);
			assertThat(mail.getString("state")).isEqualTo("PENDING");
			assertThat(mail.getString("lastError")).isNotBlank();

			smtp.start();
			// Not due yet: the scheduler leaves it alone.
			DownloadIntegrationTests.this.mailer.deliverDue();
			assertThat(smtp.getReceivedMessages()).isEmpty();
			clock.advance(DownloadIntegrationTests.this.mailer.backoffAfter(1));
			DownloadIntegrationTests.this.mailer.deliverDue();
			String token = token(awaitMail(1));
			mail = onlyDownload().get("mail", Document.class);
			assertThat(mail.getString("state")).isEqualTo("SENT");
			assertThat(mail.getInteger("attempts")).isEqualTo(2);
			follow(token).andExpect(status().isFound());
		}

	}

}
