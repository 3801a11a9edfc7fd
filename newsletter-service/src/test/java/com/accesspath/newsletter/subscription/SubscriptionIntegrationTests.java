package com.accesspath.newsletter.subscription;

import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.newsletter.NewsletterIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SubscriptionIntegrationTests extends NewsletterIntegrationTestSupport {

	@Autowired
	SubscriptionService subscriptionService;

	private long alreadySubscribedMails(String address) {
		return java.util.Arrays.stream(smtp.getReceivedMessages())
			.filter(message -> subject(message).equals("您已订阅 AccessPath AI 资讯"))
			.filter(message -> {
				try {
					return message.getAllRecipients()[0].toString().equals(address);
				}
				catch (jakarta.mail.MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			})
			.count();
	}

	@Nested
	class DoubleOptIn {

		@Test
		void subscribeMailConfirmAndStats() throws Exception {
			subscribe("Reader@Example.com").andExpect(status().isAccepted())
				.andExpect(jsonPath("$.status").value("accepted"));
			MimeMessage mail = awaitMail(1);
			assertThat(mail.getSubject()).isEqualTo("请确认订阅 AccessPath AI 资讯");
			assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("reader@example.com");
			String raw = GreenMailUtil.getBody(mail);
			assertThat(raw).contains("text/plain").contains("text/html");
			assertThat(textOf(mail)).contains("确认订阅").contains("reader@example.com");
			// The link opens the web client's page, which confirms; the API path is not
			// what readers see.
			assertThat(textOf(mail)).contains("/subscriptions/confirm?token=").doesNotContain("/api/");
			String token = link(mail, "/subscriptions/confirm");
			mvc.perform(get("/api/subscriptions/preferences").param("token", token)).andExpect(status().isNotFound());
			mvc.perform(post("/api/subscriptions/confirm").param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("CONFIRMED"))
				.andExpect(jsonPath("$.email").value("r***@example.com"))
				.andExpect(jsonPath("$.frequency").value("daily"));
			mvc.perform(get("/api/subscriptions/confirm").param("token", token)).andExpect(status().isNotFound());
			mvc.perform(get("/api/admin/newsletter/stats").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + LocalTokens.local().issue("EDITOR")))
				.andExpect(jsonPath("$.confirmed").value(1))
				.andExpect(jsonPath("$.pending").value(0));
		}

		@Test
		void theAnswerIsTheSameForNewPendingAndConfirmedAddresses() throws Exception {
			String fresh = subscribe("new@example.com").andReturn().getResponse().getContentAsString();
			String pending = subscribe("new@example.com").andReturn().getResponse().getContentAsString();
			subscribeAndConfirm("known@example.com");
			String confirmed = subscribe("known@example.com").andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(pending).isEqualTo(fresh);
			assertThat(confirmed).isEqualTo(fresh);
			// The owner of a confirmed address is told, by mail only.
			assertThat(awaitMailTo("known@example.com", "您已订阅 AccessPath AI 资讯")).isNotNull();
		}

		@Test
		void subscribingAConfirmedAddressAgainBreaksNoLinkAndMailsItsOwnerOnceADay() throws Exception {
			subscribeAndConfirm("owner@example.com");
			subscribe("owner@example.com").andExpect(status().isAccepted());
			String first = link(awaitMailTo("owner@example.com", "您已订阅 AccessPath AI 资讯"),
					"/subscriptions/preferences");
			// Someone who knows the address subscribes it four times more: same answer,
			// no more mail, and the owner's link still works.
			for (int i = 0; i < 4; i++) {
				subscribe("owner@example.com").andExpect(status().isAccepted());
			}
			mvc.perform(get("/api/subscriptions/preferences").param("token", first)).andExpect(status().isOk());
			// The requests' addresses and browsers are a stranger's as likely as the
			// owner's: nothing of them is stored in the owner's record.
			assertThat(mongo.findAll(Document.class, "subscribers").get(0).getList("consents", Document.class))
				.hasSize(1);
			// A day later the owner may be told again, with a link of its own; both work.
			clock.advance(Duration.ofHours(25));
			subscribe("owner@example.com").andExpect(status().isAccepted());
			await().atMost(Duration.ofSeconds(10)).until(() -> alreadySubscribedMails("owner@example.com") == 2);
			assertThat(alreadySubscribedMails("owner@example.com")).isEqualTo(2);
			String second = link(awaitMailTo("owner@example.com", "您已订阅 AccessPath AI 资讯"),
					"/subscriptions/preferences");
			assertThat(second).isNotEqualTo(first);
			mvc.perform(get("/api/subscriptions/preferences").param("token", first)).andExpect(status().isOk());
			mvc.perform(get("/api/subscriptions/preferences").param("token", second)).andExpect(status().isOk());
			// Links expire: a year on, the first no longer works.
			clock.advance(Duration.ofDays(366));
			mvc.perform(get("/api/subscriptions/preferences").param("token", first)).andExpect(status().isNotFound());
		}

		@Test
		void linksLeaveByAgeNeverByCountSoNoNumberOfMailsBreaksOne() throws Exception {
			subscribeAndConfirm("many@example.com");
			String id = mongo.findAll(Document.class, "subscribers").get(0).getObjectId("_id").toHexString();
			String first = subscriptionService.newManageToken(id, null);
			// Two hundred mails later (daily digests, or a stranger's daily subscribes).
			for (int i = 0; i < 200; i++) {
				subscriptionService.newManageToken(id, null);
			}
			mvc.perform(get("/api/subscriptions/preferences").param("token", first)).andExpect(status().isOk());
			// A year on, the expired ones are dropped as the next link is added.
			clock.advance(Duration.ofDays(366));
			String fresh = subscriptionService.newManageToken(id, null);
			mvc.perform(get("/api/subscriptions/preferences").param("token", first)).andExpect(status().isNotFound());
			mvc.perform(get("/api/subscriptions/preferences").param("token", fresh)).andExpect(status().isOk());
			assertThat(mongo.findAll(Document.class, "subscribers").get(0).getList("manageLinks", Document.class))
				.hasSize(1);
		}

		@Test
		void aLinkMailedBeforeLinksWereKeptStillWorks() throws Exception {
			subscribeAndConfirm("early@example.com");
			String token = "legacy-link-from-an-older-release-0123456789";
			mongo.getCollection("subscribers")
				.updateOne(new Document("email", "early@example.com"),
						new Document("$set", new Document("manageTokenHash", Tokens.hash(token))));
			mvc.perform(get("/api/subscriptions/preferences").param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("CONFIRMED"));
		}

		@Test
		void expiredOrUnknownConfirmationLinksAre404() throws Exception {
			subscribe("late@example.com");
			String token = link(awaitMail(1), "/subscriptions/confirm");
			clock.advance(Duration.ofHours(49));
			mvc.perform(get("/api/subscriptions/confirm").param("token", token))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(get("/api/subscriptions/confirm").param("token", "made-up")).andExpect(status().isNotFound());
			mvc.perform(get("/api/subscriptions/confirm")).andExpect(status().isNotFound());
		}

		@Test
		void badInputIs400StoresAndSendsNothing() throws Exception {
			for (String body : List.of("{\"email\": \"not-an-email\", \"consent\": true}",
					"{\"email\": \"a@example.com\"}", "{\"email\": \"a@example.com\", \"consent\": false}",
					"{\"email\": \"a@example.com\", \"topics\": [\"gambling\"], \"consent\": true}",
					"{\"email\": \"a@example.com\", \"frequency\": \"hourly\", \"consent\": true}",
					"{\"email\": \"" + "a".repeat(250) + "@example.com\", \"consent\": true}",
					"{\"email\": {\"$gt\": \"\"}, \"consent\": true}", "{\"email\": ")) {
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
			Document consent = mongo.findAll(Document.class, "subscribers")
				.get(0)
				.getList("consents", Document.class)
				.get(0);
			assertThat(consent.getString("ip")).isEqualTo("127.0.0.1");
			assertThat(consent.getString("userAgent")).isEqualTo("Firefox");
			assertThat(consent.getString("textVersion")).isEqualTo("2026-01");
			assertThat(consent.getDate("at")).isNotNull();
		}

	}

	@Nested
	class Topics {

		@Test
		void categoryKeysComeFromArticleServicesTaxonomy() throws Exception {
			// "made-up-group" and its leaf exist only in the stub's tree: accepted
			// because the tree says so.
			subscribe("tree@example.com", "[\"made-up-group\", \"made-up-leaf\", \"flash\", \"大模型\"]")
				.andExpect(status().isAccepted());
			Document subscriber = mongo.findAll(Document.class, "subscribers").get(0);
			assertThat(subscriber.getList("topics", String.class)).containsExactly("made-up-group", "made-up-leaf",
					"flash", "大模型");
		}

		@Test
		void neitherACategoryNorATagIs400() throws Exception {
			subscribe("typo@example.com", "[\"news\", \"made-up-typo\"]").andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("topics[1]"));
			assertThat(stored()).isZero();
		}

	}

}
