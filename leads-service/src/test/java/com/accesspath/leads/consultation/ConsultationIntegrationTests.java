package com.accesspath.leads.consultation;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.leads.LeadsIntegrationTest;
import com.accesspath.leads.WeComStub;
import com.accesspath.leads.lead.LeadRepository;
import com.accesspath.leads.notify.LeadNotifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/diagnosis/{id}/consultation}: 预约顾问解读 goes to the lead (the
 * consultation and its history entry) and to sales on WeCom, even through a WeCom outage.
 */
class ConsultationIntegrationTests extends LeadsIntegrationTest {

	@Autowired
	LeadNotifier notifier;

	@Autowired
	LeadRepository leads;

	/** A diagnosis whose new-lead message was delivered: {id, reportToken}. */
	private String[] diagnosed() throws Exception {
		String answer = submit(diagnosis("finance", answersAll(3), ZHANG), null).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		// This lead's message delivered (another test's late one may land on the stub
		// too).
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "SENT".equals(lead().get("notification", Document.class).getString("state")));
		wecom.received().clear();
		return new String[] { JsonPath.read(answer, "$.id"), JsonPath.read(answer, "$.reportToken") };
	}

	private ResultActions book(String id, String token, String body) throws Exception {
		var request = post("/api/diagnosis/" + id + "/consultation").contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (token != null) {
			request.param("token", token);
		}
		return this.mvc.perform(request);
	}

	/** The WeCom message about a consultation, if one arrived. */
	private static String consultationMessage() {
		return wecom.received().stream().filter(message -> message.contains("预约顾问解读")).findFirst().orElse(null);
	}

	private Document lead() {
		return all("leads").get(0);
	}

	@Nested
	class Booking {

		@Test
		void aConsultationGoesToTheLeadsHistoryAndToSalesOnWeCom() throws Exception {
			String[] diagnosis = diagnosed();
			int scoreBefore = lead().getInteger("score");
			String id = JsonPath
				.read(book(diagnosis[0], diagnosis[1], "{\"preferredTime\": \"下周二下午\", \"note\": \"希望重点讲数据治理\\n以及试点\"}")
					.andExpect(status().isCreated())
					.andReturn()
					.getResponse()
					.getContentAsString(), "$.id");
			Document lead = lead();
			// The strongest sign of intent raises the score, once, with its reason.
			assertThat(lead.getInteger("score")).isEqualTo(Math.min(100, scoreBefore + 15));
			assertThat(lead.getList("scoreFactors", Document.class)).extracting(factor -> factor.getString("label"))
				.containsOnlyOnce("预约顾问解读");
			List<Document> consultations = lead.getList("consultations", Document.class);
			assertThat(consultations).hasSize(1);
			assertThat(consultations.get(0).get("_id").toString()).isEqualTo(id);
			assertThat(consultations.get(0).getString("diagnosisId")).isEqualTo(diagnosis[0]);
			assertThat(consultations.get(0).getString("preferredTime")).isEqualTo("下周二下午");
			assertThat(consultations.get(0).getString("note")).isEqualTo("希望重点讲数据治理\n以及试点");
			List<Document> history = lead.getList("history", Document.class);
			assertThat(history.get(history.size() - 1).getString("action")).isEqualTo("CONSULTATION");
			assertThat(history.get(history.size() - 1).getString("detail")).contains("下周二下午");
			await().atMost(Duration.ofSeconds(5)).until(() -> consultationMessage() != null);
			assertThat(consultationMessage()).contains("预约顾问解读", "星河制造", "下周二下午", "希望重点讲数据治理 以及试点")
				.doesNotContain("13812345678");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> "SENT".equals(lead().get("notification", Document.class).getString("state")));
		}

		@Test
		void bothFieldsAreOptional() throws Exception {
			String[] diagnosis = diagnosed();
			book(diagnosis[0], diagnosis[1], "{}").andExpect(status().isCreated());
			await().atMost(Duration.ofSeconds(5)).until(() -> consultationMessage() != null);
			assertThat(consultationMessage()).contains("预约顾问解读", "未填写");
		}

		@Test
		void aWeComOutageLosesNothingTheMessageGoesLater() throws Exception {
			String[] diagnosis = diagnosed();
			wecom.mode(WeComStub.Mode.FAIL);
			book(diagnosis[0], diagnosis[1], "{\"preferredTime\": \"周五上午\"}").andExpect(status().isCreated());
			assertThat(lead().getList("consultations", Document.class)).hasSize(1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> lead().get("notification", Document.class).getInteger("attempts") == 1);
			assertThat(lead().get("notification", Document.class).getString("state")).isEqualTo("PENDING");
			assertThat(wecom.received()).isEmpty();
			wecom.mode(WeComStub.Mode.OK);
			clock.advance(Duration.ofMinutes(1));
			notifier.deliverDue();
			assertThat(wecom.received()).singleElement().asString().contains("预约顾问解读", "周五上午");
			assertThat(lead().get("notification", Document.class).getString("state")).isEqualTo("SENT");
		}

		/**
		 * A delivery under way (of the new lead's message) when the consultation arrives
		 * does not mark the consultation's message sent: it stays due.
		 */
		@Test
		void aDeliveryUnderWayDoesNotSwallowTheConsultationsMessage() throws Exception {
			String[] diagnosis = diagnosed();
			String leadId = lead().getObjectId("_id").toHexString();
			// As if the lead's message were being delivered right now: claimed.
			mongo.getCollection("leads")
				.updateOne(new Document("_id", new ObjectId(leadId)),
						new Document("$set", new Document("notification.state", "PENDING")
							.append("notification.nextAttemptAt", Date.from(clock.instant()))));
			Instant lease = clock.instant().plusSeconds(30);
			assertThat(leads.claimNotification(leadId, clock.instant(), lease)).isPresent();
			wecom.mode(WeComStub.Mode.FAIL); // the consultation's own attempt fails
			book(diagnosis[0], diagnosis[1], "{\"note\": \"尽快\"}").andExpect(status().isCreated());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> lead().get("notification", Document.class).getInteger("attempts") == 1);
			// The earlier delivery ends: it may not mark the newer message sent.
			assertThat(leads.markNotificationSent(leadId, lease, 1)).isFalse();
			assertThat(lead().get("notification", Document.class).getString("state")).isEqualTo("PENDING");
		}

		@Test
		void aDiagnosisWhoseLeadIsNotLinkedYetIsLinkedFirst() throws Exception {
			String[] diagnosis = diagnosed();
			Document lead = lead();
			mongo.remove(new Query(), "leads");
			mongo.getCollection("diagnoses")
				.updateOne(new Document("_id", new ObjectId(diagnosis[0])),
						new Document("$set", new Document("leadId", null).append("pendingLead",
								new Document("company", lead.get("company")).append("contact", lead.get("contact"))
									.append("consent",
											lead.getList("submissions", Document.class).get(0).get("consent")))));
			book(diagnosis[0], diagnosis[1], "{\"preferredTime\": \"明天\"}").andExpect(status().isCreated());
			assertThat(count("leads")).isEqualTo(1);
			assertThat(lead().getList("consultations", Document.class)).hasSize(1);
			assertThat(mongo.findById(new ObjectId(diagnosis[0]), Document.class, "diagnoses").getString("leadId"))
				.isEqualTo(lead().getObjectId("_id").toHexString());
		}

		@Test
		void aLeadTakesAtMostTwentyConsultations() throws Exception {
			String[] diagnosis = diagnosed();
			for (int i = 0; i < 20; i++) {
				book(diagnosis[0], diagnosis[1], "{}").andExpect(status().isCreated());
			}
			book(diagnosis[0], diagnosis[1], "{}").andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			assertThat(lead().getList("consultations", Document.class)).hasSize(20);
		}

	}

	@Nested
	class Refused {

		@Test
		void aWrongMissingOrUnknownReportIsA404AndStoresNothing() throws Exception {
			String[] diagnosis = diagnosed();
			for (String[] attempt : List.of(new String[] { diagnosis[0], "wrong" }, new String[] { diagnosis[0], null },
					new String[] { new ObjectId().toHexString(), diagnosis[1] },
					new String[] { "nope", diagnosis[1] })) {
				book(attempt[0], attempt[1], "{\"note\": \"x\"}").andExpect(status().isNotFound())
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			}
			assertThat(lead().getList("consultations", Document.class)).isEmpty();
			assertThat(wecom.received()).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "{\"preferredTime\": 123}|preferredTime", "{\"note\": true}|note",
				"{\"preferredTime\": {\"$gt\": \"\"}}|preferredTime", "{\"note\": [\"a\"]}|note",
				"{\"note\": \"a\\u0000b\"}|note", "{\"preferredTime\": \"LONG\"}|preferredTime",
				"{\"note\": \"LONGER\"}|note" })
		void badInputIsA400NamingTheFieldAndStoresNothing(String bodyAndField) throws Exception {
			String[] diagnosis = diagnosed();
			String[] parts = bodyAndField.split("\\|");
			String body = parts[0].replace("LONGER", "长".repeat(1001)).replace("LONG", "长".repeat(101));
			book(diagnosis[0], diagnosis[1], body).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(parts[1]));
			assertThat(lead().getList("consultations", Document.class)).isEmpty();
			assertThat(lead().getList("history", Document.class)).extracting(entry -> entry.getString("action"))
				.doesNotContain("CONSULTATION");
			assertThat(wecom.received()).isEmpty();
		}

		@Test
		void malformedJsonAnUnknownFieldOrNoBodyIsA400() throws Exception {
			String[] diagnosis = diagnosed();
			for (String body : List.of("{\"note\": ", "{\"note\": \"x\", \"admin\": true}", "")) {
				book(diagnosis[0], diagnosis[1], body).andExpect(status().isBadRequest())
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			}
			assertThat(lead().getList("consultations", Document.class)).isEmpty();
		}

	}

}
