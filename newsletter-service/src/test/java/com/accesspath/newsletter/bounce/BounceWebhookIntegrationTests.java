package com.accesspath.newsletter.bounce;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Providers' bounce and complaint events through {@code POST /api/subscriptions/bounces}.
 */
class BounceWebhookIntegrationTests extends BounceIntegrationTestSupport {

	static final String PATH = "/api/subscriptions/bounces";

	ResultActions send(String body) throws Exception {
		return send(body, "Bearer " + BOUNCE_WEBHOOK_SECRET, MediaType.APPLICATION_JSON);
	}

	ResultActions send(String body, String authorization, MediaType type) throws Exception {
		var request = post(PATH).contentType(type).content(body);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return this.mvc.perform(request);
	}

	long suppressionsStored() {
		return this.mongo.count(new Query(), Suppressions.COLLECTION);
	}

	static String sesBounce(String bounceType, String messageId, String... emails) {
		StringBuilder recipients = new StringBuilder();
		for (String email : emails) {
			recipients.append(recipients.isEmpty() ? "" : ", ")
				.append("{\"emailAddress\": \"")
				.append(email)
				.append("\", \"action\": \"failed\", \"status\": \"5.1.1\", "
						+ "\"diagnosticCode\": \"smtp; 550 5.1.1 user unknown\"}");
		}
		return """
				{"notificationType": "Bounce",
				 "bounce": {"bounceType": "%s", "bounceSubType": "General", "bouncedRecipients": [%s],
				            "timestamp": "2026-03-02T00:00:01.000Z", "feedbackId": "0100018c-feedback"},
				 "mail": {"timestamp": "2026-03-02T00:00:00.000Z", "source": "newsletter@accesspath.local",
				          "messageId": "%s", "destination": ["x@example.com"]}}
				""".formatted(bounceType, recipients, messageId);
	}

	static String sesComplaint(String email) {
		return """
				{"notificationType": "Complaint",
				 "complaint": {"complainedRecipients": [{"emailAddress": "%s"}], "complaintFeedbackType": "abuse",
				               "feedbackId": "0100018c-complaint"},
				 "mail": {"messageId": "0100018c-mail-9"}}
				""".formatted(email);
	}

	static String sns(String message) {
		return "{\"Type\": \"Notification\", \"MessageId\": \"6b3c7b1e\", "
				+ "\"TopicArn\": \"arn:aws:sns:cn-north-1:123456789012:ses-bounces\", \"Message\": "
				+ JsonMapper.shared().writeValueAsString(message) + "}";
	}

	@Nested
	class SendGrid {

		@Test
		void bouncesDropsAndSpamReportsSuppressAndOtherEventsAreIgnored() throws Exception {
			send("""
					[{"email": "gone@example.com", "event": "bounce", "type": "bounce", "status": "5.1.1",
					  "reason": "550 5.1.1 user unknown", "sg_event_id": "ev-1", "sg_message_id": "msg-1.filter"},
					 {"email": "Spam@Example.com", "event": "spamreport", "sg_event_id": "ev-2"},
					 {"email": "known@example.com", "event": "dropped", "reason": "Bounced Address", "sg_event_id": "ev-3"},
					 {"email": "big@example.com", "event": "dropped", "reason": "Exceeded Max Message Size",
					  "sg_event_id": "ev-4"},
					 {"email": "happy@example.com", "event": "delivered", "sg_event_id": "ev-5"},
					 {"email": "happy@example.com", "event": "open", "sg_event_id": "ev-6", "useragent": "Mail"}]
					""")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.applied").value(3))
				.andExpect(jsonPath("$.suppressed").value(3))
				.andExpect(jsonPath("$.ignored").value(3));
			assertThat(suppressions.isSuppressed("gone@example.com")).isTrue();
			assertThat(suppressions.find("gone@example.com").orElseThrow().detail())
				.isEqualTo("5.1.1 550 5.1.1 user unknown");
			assertThat(suppressions.find("spam@example.com").orElseThrow().reason()).isEqualTo("complaint");
			assertThat(suppressions.isSuppressed("known@example.com")).isTrue();
			assertThat(suppressions.isSuppressed("big@example.com")).isFalse();
			assertThat(suppressions.isSuppressed("happy@example.com")).isFalse();
		}

		@Test
		void blocksAndDeferralsAreSoftAndAMailDeferredAgainCountsOnce() throws Exception {
			String deferred = """
					[{"email": "slow@example.com", "event": "deferred", "response": "421 try later",
					  "attempt": "1", "sg_event_id": "ev-%1$s", "sg_message_id": "msg-a"},
					 {"email": "slow@example.com", "event": "bounce", "type": "blocked", "status": "5.7.1",
					  "sg_event_id": "ev-b%1$s", "sg_message_id": "msg-b"}]
					""";
			send(deferred.formatted(1)).andExpect(status().isOk()).andExpect(jsonPath("$.suppressed").value(0));
			// The provider retries the delivery, and the webhook: neither is another
			// mail.
			send(deferred.formatted(2)).andExpect(status().isOk()).andExpect(jsonPath("$.suppressed").value(0));
			assertThat(suppressions.find("slow@example.com").orElseThrow().softBounces()).isEqualTo(2);
			send("""
					[{"email": "slow@example.com", "event": "deferred", "sg_event_id": "ev-9", "sg_message_id": "msg-c"}]
					""")
				.andExpect(jsonPath("$.suppressed").value(1));
			assertThat(suppressions.find("slow@example.com").orElseThrow().reason()).isEqualTo("soft-bounce");
		}

	}

	@Nested
	class AmazonSes {

		@Test
		void aPermanentBounceSuppressesEveryBouncedRecipient() throws Exception {
			send(sesBounce("Permanent", "0100018c-mail-1", "one@example.com", "Two <two@example.com>"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.suppressed").value(2));
			assertThat(suppressions.isSuppressed("one@example.com")).isTrue();
			assertThat(suppressions.isSuppressed("two@example.com")).isTrue();
			assertThat(suppressions.find("one@example.com").orElseThrow().source()).isEqualTo("ses");
		}

		@Test
		void transientBouncesCountPerMail() throws Exception {
			send(sesBounce("Transient", "mail-1", "full@example.com")).andExpect(status().isOk());
			send(sesBounce("Transient", "mail-1", "full@example.com")).andExpect(status().isOk());
			send(sesBounce("Transient", "mail-2", "full@example.com")).andExpect(status().isOk());
			assertThat(suppressions.isSuppressed("full@example.com")).isFalse();
			send(sesBounce("Transient", "mail-3", "full@example.com")).andExpect(jsonPath("$.suppressed").value(1));
		}

		@Test
		void aComplaintInAnSnsEnvelopeSuppresses() throws Exception {
			send(sns(sesComplaint("annoyed@example.com")), "Bearer " + BOUNCE_WEBHOOK_SECRET, MediaType.TEXT_PLAIN)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.suppressed").value(1));
			assertThat(suppressions.find("annoyed@example.com").orElseThrow().reason()).isEqualTo("complaint");
		}

		@Test
		void aBounceInAnSnsEnvelopeSuppresses() throws Exception {
			send(sns(sesBounce("Permanent", "mail-7", "gone@example.com"))).andExpect(status().isOk());
			assertThat(suppressions.isSuppressed("gone@example.com")).isTrue();
		}

		@Test
		void deliveriesAndSubscriptionConfirmationsChangeNothing() throws Exception {
			send("{\"notificationType\": \"Delivery\", \"mail\": {\"messageId\": \"m\"}, \"delivery\": {}}")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.ignored").value(1));
			send("{\"Type\": \"SubscriptionConfirmation\", \"TopicArn\": \"arn:aws:sns:cn-north-1:1:t\", "
					+ "\"SubscribeURL\": \"https://sns.example/confirm\"}")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.ignored").value(1));
			assertThat(suppressionsStored()).isZero();
		}

	}

	@Nested
	class Authentication {

		@ParameterizedTest
		@ValueSource(strings = { "Bearer wrong-secret-of-some-length", "Bearer ", "bounce-webhook-test-secret",
				"Basic Ym91bmNlLXdlYmhvb2stdGVzdC1zZWNyZXQ=", "Bearer bounce-webhook-test-secretx" })
		void aWrongSecretIs401AndChangesNothing(String authorization) throws Exception {
			send(sesBounce("Permanent", "m", "gone@example.com"), authorization, MediaType.APPLICATION_JSON)
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.detail").value("The bounce webhook's secret is required."));
			assertThat(suppressionsStored()).isZero();
		}

		@Test
		void noSecretIs401() throws Exception {
			send(sesBounce("Permanent", "m", "gone@example.com"), null, MediaType.APPLICATION_JSON)
				.andExpect(status().isUnauthorized());
			assertThat(suppressionsStored()).isZero();
		}

		@Test
		void theSchemeMayBeInAnyCase() throws Exception {
			send(sesBounce("Permanent", "m", "gone@example.com"), "bearer " + BOUNCE_WEBHOOK_SECRET,
					MediaType.APPLICATION_JSON)
				.andExpect(status().isOk());
		}

		@Test
		void userTokensStillWorkElsewhere() throws Exception {
			// The webhook's exception to bearer tokens is its path only.
			mvc.perform(get("/api/admin/newsletter/stats").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + BOUNCE_WEBHOOK_SECRET))
				.andExpect(status().isUnauthorized());
		}

	}

	@Nested
	class HostileInput {

		@ParameterizedTest
		@ValueSource(strings = { "not json", "", "null", "42", "\"text\"", "{}", "{\"hello\": \"world\"}", "[42]",
				"[{\"email\": 42, \"event\": \"bounce\", \"sg_event_id\": \"e\"}]",
				"[{\"email\": \"a@example.com\", \"event\": [\"bounce\"], \"sg_event_id\": \"e\"}]",
				"[{\"email\": \"a@example.com\", \"event\": \"bounce\"}]",
				"[{\"email\": \"not-an-address\", \"event\": \"bounce\", \"sg_event_id\": \"e\"}]",
				"[{\"email\": \"a\\u0007b@example.com\", \"event\": \"bounce\", \"sg_event_id\": \"e\"}]",
				"[{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"event\": \"bounce\", \"sg_event_id\": \"e\"}]",
				"[{\"email\": \"a@example.com\", \"event\": \"bounce\", \"sg_event_id\": {\"$gt\": \"\"}}]",
				"[{\"email\": {\"$ne\": null}, \"event\": \"bounce\", \"sg_event_id\": \"e\"}]",
				"{\"notificationType\": \"Bounce\", \"bounce\": \"Permanent\"}",
				"{\"notificationType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Permanent\", \"bouncedRecipients\": []}, \"mail\": {\"messageId\": \"m\"}}",
				"{\"notificationType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Permanent\", \"bouncedRecipients\": [{\"emailAddress\": \"a@example.com\"}]}}",
				"{\"notificationType\": 7}",
				"{\"Type\": \"Notification\", \"Message\": {\"notificationType\": \"Bounce\"}}",
				"{\"Type\": \"Notification\", \"Message\": \"not json\"}", "{\"Type\": \"Other\"}",
				"[[[[[[[[[[]]]]]]]]]]" })
		void isA400AndChangesNothing(String body) throws Exception {
			send(body).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			assertThat(suppressionsStored()).isZero();
		}

		@Test
		void oneBadEventInABatchChangesNothing() throws Exception {
			send("""
					[{"email": "gone@example.com", "event": "bounce", "sg_event_id": "ev-1"},
					 {"email": "other@example.com", "event": "bounce", "sg_event_id": 17}]
					""").andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("[1].sg_event_id"));
			assertThat(suppressionsStored()).isZero();
		}

		@Test
		void tooLongStringsAndTooManyEventsAre400() throws Exception {
			send("[{\"email\": \"a@example.com\", \"event\": \"bounce\", \"sg_event_id\": \"" + "e".repeat(201)
					+ "\"}]")
				.andExpect(status().isBadRequest());
			send("[{\"email\": \"" + "a".repeat(250)
					+ "@example.com\", \"event\": \"bounce\", \"sg_event_id\": \"e\"}]")
				.andExpect(status().isBadRequest());
			String event = "{\"event\":\"open\"},";
			send("[" + event.repeat(ProviderEvents.MAX_EVENTS) + "{\"event\":\"open\"}]")
				.andExpect(status().isBadRequest());
			assertThat(suppressionsStored()).isZero();
		}

	}

}
