package com.accesspath.leads.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import com.accesspath.leads.LeadsIntegrationTest;
import com.accesspath.leads.idempotency.IdempotentRequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/diagnosis}: the report, its counter, bad input, the
 * {@code Idempotency-Key}, the reconciler.
 */
class DiagnosisIntegrationTests extends LeadsIntegrationTest {

	@Nested
	class Reports {

		@Test
		void reportScoresDimensionsLevelAndRecommendations() throws Exception {
			MvcResult result = submit(diagnosis("manufacturing", answersAll(3), ZHANG), null)
				.andExpect(status().isCreated())
				.andExpect(header().string(HttpHeaders.LOCATION, containsString("/report?token=")))
				.andExpect(jsonPath("$.report.overall").value(50))
				.andExpect(jsonPath("$.report.level").value(3))
				.andExpect(jsonPath("$.report.levelName").value("规范级"))
				.andExpect(jsonPath("$.report.dimensions", hasSize(6)))
				.andExpect(jsonPath("$.report.dimensions[0].score").value(50))
				.andExpect(jsonPath("$.report.percentile").value(nullValue()))
				.andExpect(jsonPath("$.report.recommendations", hasSize(6)))
				.andReturn();
			String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
			String token = JsonPath.read(result.getResponse().getContentAsString(), "$.reportToken");
			assertThat(token).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(id);
			mvc.perform(get("/api/diagnosis/" + id + "/report").param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.overall").value(50));
			mvc.perform(get("/api/diagnosis/" + id + "/report").param("token", "wrong"))
				.andExpect(status().isNotFound());
			mvc.perform(get("/api/diagnosis/" + id + "/report")).andExpect(status().isNotFound());
		}

		@Test
		void mixedAnswersScoreEachDimensionOnItsOwn() throws Exception {
			String answers = answersAll(5).replace("\"gov_policy\":5", "\"gov_policy\":1")
				.replace("\"gov_security\":5", "\"gov_security\":1")
				.replace("\"gov_risk\":5", "\"gov_risk\":2");
			submit(diagnosis("finance", answers, ZHANG), null)
				.andExpect(jsonPath("$.report.dimensions[5].key").value("governance"))
				.andExpect(jsonPath("$.report.dimensions[5].score").value(8))
				.andExpect(jsonPath("$.report.dimensions[0].score").value(100))
				.andExpect(jsonPath("$.report.overall").value(85))
				.andExpect(jsonPath("$.report.level").value(5))
				.andExpect(jsonPath("$.report.recommendations", hasSize(1)))
				.andExpect(jsonPath("$.report.recommendations[0]").value(containsString("治理与伦理")));
		}

		@Test
		void percentileIsAgainstEarlierDiagnosesOfTheSameIndustry() throws Exception {
			for (int value = 1; value <= 5; value++) {
				submit(diagnosis("retail", answersAll(value),
						"{\"name\": \"甲\", \"email\": \"a" + value + "@example.com\"}"), null)
					.andExpect(jsonPath("$.report.percentile").value(nullValue()));
			}
			submit(diagnosis("finance", answersAll(3), ZHANG), null)
				.andExpect(jsonPath("$.report.percentile").value(nullValue()));
			// Five earlier retail diagnoses scored 0, 25, 50, 75, 100: a 50 beats two of
			// them.
			submit(diagnosis("retail", answersAll(3), "{\"name\": \"乙\", \"email\": \"b@example.com\"}"), null)
				.andExpect(jsonPath("$.report.percentile").value(40));
		}

		@Test
		void counterCountsCompletedDiagnoses() throws Exception {
			mvc.perform(get("/api/diagnosis/stats")).andExpect(jsonPath("$.completed").value(0));
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			submit(diagnosis("finance", answersAll(4), "{\"name\": \"李\", \"phone\": \"13900001111\"}"), null);
			mvc.perform(get("/api/diagnosis/stats")).andExpect(jsonPath("$.completed").value(2));
		}

		@Autowired
		DiagnosisCounters counters;

		/**
		 * The counters answer exactly what counting the diagnoses answered (the old way):
		 * every report's percentile and the "completed" counter, after each of N mixed
		 * diagnoses in two industries, and again after the counters are rebuilt from the
		 * stored diagnoses.
		 */
		@Test
		void countersAnswerWhatCountingTheDiagnosesAnswered() throws Exception {
			for (int i = 0; i < 24; i++) {
				String industry = (i % 3 == 0) ? "retail" : "finance";
				String body = diagnosis(industry, mixedAnswers(i),
						"{\"name\": \"客户\", \"email\": \"n" + i + "@example.com\"}");
				String answer = submit(body, null).andExpect(status().isCreated())
					.andReturn()
					.getResponse()
					.getContentAsString();
				int overall = JsonPath.read(answer, "$.report.overall");
				Integer percentile = JsonPath.read(answer, "$.report.percentile");
				assertThat(percentile).as("diagnosis %d", i).isEqualTo(countedPercentile(industry, overall, 1));
				mvc.perform(get("/api/diagnosis/stats")).andExpect(jsonPath("$.completed").value(i + 1));
			}
			assertThat(count("diagnoses")).isEqualTo(24);
			Map<String, Integer> before = new HashMap<>();
			for (String industry : List.of("retail", "finance", "energy")) {
				for (int overall = 0; overall <= 100; overall++) {
					before.put(industry + overall, counters.percentile(industry, overall, 5));
					assertThat(before.get(industry + overall)).isEqualTo(countedPercentile(industry, overall, 0));
				}
			}
			mongo.remove(new Query(), "diagnosisStats");
			counters.buildIfMissing();
			counters.buildIfMissing(); // idempotent
			assertThat(counters.completed()).isEqualTo(24);
			for (String industry : List.of("retail", "finance", "energy")) {
				for (int overall = 0; overall <= 100; overall++) {
					assertThat(counters.percentile(industry, overall, 5)).isEqualTo(before.get(industry + overall));
				}
			}
		}

		/**
		 * The percentile as it was computed before the counters: by counting the
		 * industry's diagnoses, less {@code self} just stored.
		 */
		private Integer countedPercentile(String industry, int overall, int self) {
			long earlier = mongo.count(Query.query(Criteria.where("industry").is(industry)), "diagnoses") - self;
			if (earlier < 5) {
				return null;
			}
			long lower = mongo.count(
					Query.query(Criteria.where("industry").is(industry).and("report.overall").lt(overall)),
					"diagnoses");
			return (int) Math.round(lower * 100.0 / earlier);
		}

		private static String mixedAnswers(int seed) {
			String all = answersAll(1);
			StringBuilder answers = new StringBuilder();
			int question = 0;
			for (String part : all.substring(1, all.length() - 1).split(",")) {
				int value = 1 + Math.floorMod(seed * 7 + question * question * 3 + seed * question, 5);
				answers.append(answers.isEmpty() ? "{" : ",").append(part, 0, part.indexOf(':') + 1).append(value);
				question++;
			}
			return answers.append('}').toString();
		}

		@Test
		void consentIsStoredWithTimeAddressUserAgentAndTextVersion() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			Document consent = all("leads").get(0)
				.getList("submissions", Document.class)
				.get(0)
				.get("consent", Document.class);
			assertThat(consent.getBoolean("given")).isTrue();
			assertThat(consent.getString("ip")).isEqualTo("127.0.0.1");
			assertThat(consent.getString("userAgent")).isEqualTo("Firefox");
			assertThat(consent.getString("textVersion")).isEqualTo("2026-01");
			assertThat(consent.getDate("at")).isNotNull();
		}

	}

	@Nested
	class BadInput {

		@ParameterizedTest
		@ValueSource(strings = { "CONSENT_FALSE|consent", "CONSENT_MISSING|consent", "INDUSTRY|company.industry",
				"SIZE|company.size", "UNANSWERED|answers.gov_risk", "NOT_AN_OPTION|answers.gov_risk",
				"UNKNOWN_QUESTION|answers.nope", "NO_PHONE_OR_EMAIL|contact.phone", "BAD_PHONE|contact.phone",
				"BAD_EMAIL|contact.email", "LONG_NAME|company.name", "OPERATOR|contact.phone",
				"OPERATOR_ANSWER|answers.gov_risk" })
		void isA400NamingTheFieldStoresAndSendsNothing(String caseAndField) throws Exception {
			String[] parts = caseAndField.split("\\|");
			String body = switch (parts[0]) {
				case "CONSENT_FALSE" ->
					diagnosis("finance", answersAll(3), ZHANG).replace("\"consent\": true", "\"consent\": false");
				case "CONSENT_MISSING" -> diagnosis("finance", answersAll(3), ZHANG).replace(", \"consent\": true", "");
				case "INDUSTRY" -> diagnosis("mining", answersAll(3), ZHANG);
				case "SIZE" -> diagnosis("finance", answersAll(3), ZHANG).replace("201-1000", "huge");
				case "UNANSWERED" -> diagnosis("finance", answersAll(3).replace(",\"gov_risk\":3", ""), ZHANG);
				case "NOT_AN_OPTION" ->
					diagnosis("finance", answersAll(3).replace("\"gov_risk\":3", "\"gov_risk\":9"), ZHANG);
				case "UNKNOWN_QUESTION" -> diagnosis("finance", answersAll(3).replace("}", ",\"nope\":3}"), ZHANG);
				case "NO_PHONE_OR_EMAIL" ->
					diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"wechat\": \"zw\"}");
				case "BAD_PHONE" ->
					diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"phone\": \"12345678901\"}");
				case "BAD_EMAIL" ->
					diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"email\": \"not-an-email\"}");
				case "LONG_NAME" -> diagnosis("finance", answersAll(3), ZHANG).replace("星河制造", "长".repeat(101));
				case "OPERATOR" ->
					diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"phone\": {\"$gt\": \"\"}}");
				case "OPERATOR_ANSWER" ->
					diagnosis("finance", answersAll(3).replace("\"gov_risk\":3", "\"gov_risk\":{\"$gt\":0}"), ZHANG);
				default -> throw new IllegalArgumentException(parts[0]);
			};
			refusedNamingAndNothingStored(body, parts[1]);
		}

		/**
		 * Types are exact (API.md, "Errors"): nothing is coerced, so a loose type is a
		 * 400 naming the field and nothing is stored or sent.
		 */
		@ParameterizedTest
		@ValueSource(strings = { "\"consent\": \"true\"|consent", "\"consent\": 1|consent",
				"\"consent\": 12345|consent", "\"consent\": \"yes\"|consent", "\"name\": 12345|company.name",
				"\"name\": true|company.name", "\"name\": 1.5|company.name", "\"industry\": 1|company.industry",
				"\"gov_risk\":\"3\"|answers.gov_risk", "\"gov_risk\":3.0|answers.gov_risk",
				"\"gov_risk\":true|answers.gov_risk" })
		void aLooseTypeIsA400NamingTheFieldAndStoresNothing(String replacementAndField) throws Exception {
			String[] parts = replacementAndField.split("\\|");
			String field = parts[0].substring(1, parts[0].indexOf('"', 1));
			String body = diagnosis("finance", answersAll(3), ZHANG);
			body = switch (field) {
				case "consent" -> body.replace("\"consent\": true", parts[0]);
				case "name" -> body.replace("\"name\": \"星河制造\"", parts[0]);
				case "industry" -> body.replace("\"industry\": \"finance\"", parts[0]);
				case "gov_risk" -> body.replace("\"gov_risk\":3", parts[0]);
				default -> throw new IllegalArgumentException(field);
			};
			assertThat(body).contains(parts[0]);
			refusedNamingAndNothingStored(body, parts[1]);
		}

		@Test
		void aContactNameThatIsANumberIs400() throws Exception {
			refusedNamingAndNothingStored(
					diagnosis("finance", answersAll(3), "{\"name\": 42, \"phone\": \"13812345678\"}"), "contact.name");
		}

		/**
		 * A 400 problem+json naming {@code field}, and nothing stored or sent.
		 */
		private void refusedNamingAndNothingStored(String body, String field) throws Exception {
			submit(body, null).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
			assertThat(count("diagnoses")).isZero();
			assertThat(count("leads")).isZero();
			assertThat(wecom.received()).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "\\u0000", "\\u001b", "\\u007f", "\u007f" })
		void aControlCharacterInTheCompanyNameIs400AndStoresNothing(String control) throws Exception {
			submit(diagnosis("finance", answersAll(3), ZHANG).replace("星河制造", "星河" + control + "制造"), null)
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("company.name"))
				.andExpect(jsonPath("$.errors[0].message").value(containsString("control characters")));
			assertThat(count("diagnoses")).isZero();
			assertThat(count("leads")).isZero();
			assertThat(wecom.received()).isEmpty();
		}

		@Test
		void tabsAndLineBreaksAreText() throws Exception {
			submit(diagnosis("finance", answersAll(3), ZHANG).replace("星河制造", "星河\\t制造\\r\\n"), null)
				.andExpect(status().isCreated());
			assertThat(all("leads").get(0).get("company", Document.class).getString("name")).isEqualTo("星河\t制造\r\n");
		}

		@Test
		void malformedJsonIs400() throws Exception {
			submit("{\"company\": ", null).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

	}

	@Nested
	class IdempotencyKey {

		@Autowired
		IdempotentRequests idempotentRequests;

		@Autowired
		JsonMapper json;

		@Test
		void idempotentReplayReturnsTheFirstAnswerAndCreatesNothing() throws Exception {
			String first = submit(diagnosis("finance", answersAll(2), ZHANG), "key-1").andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String replay = submit(diagnosis("finance", answersAll(2), ZHANG), "key-1").andExpect(status().isCreated())
				.andExpect(header().string("Idempotent-Replayed", "true"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(JsonPath.<String>read(replay, "$.id")).isEqualTo(JsonPath.read(first, "$.id"));
			assertThat(JsonPath.<String>read(replay, "$.reportToken")).isEqualTo(JsonPath.read(first, "$.reportToken"));
			assertThat(count("diagnoses")).isEqualTo(1);
			assertThat(count("leads")).isEqualTo(1);
		}

		@Test
		void aReplayWithAnotherBodyIs422AndDisclosesNothingOfTheFirstAnswer() throws Exception {
			String first = submit(diagnosis("finance", answersAll(2), ZHANG), "key-2").andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String refused = submit(diagnosis("retail", answersAll(4), ZHANG), "key-2").andExpect(status().is(422))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(header().doesNotExist("Idempotent-Replayed"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(refused).doesNotContain(JsonPath.<String>read(first, "$.id"),
					JsonPath.<String>read(first, "$.reportToken"), "星河制造", "report");
			assertThat(count("diagnoses")).isEqualTo(1);
			assertThat(count("leads")).isEqualTo(1);
		}

		@Test
		void aReplayWhileTheFirstIsStillRunningIs409WithRetryAfter() throws Exception {
			String body = diagnosis("finance", answersAll(2), ZHANG);
			DiagnosisRequest request = json.readValue(body, DiagnosisRequest.class);
			CountDownLatch running = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			CompletableFuture<?> first = CompletableFuture
				.runAsync(() -> idempotentRequests.run("diagnosis", "key-3", request, id -> {
					running.countDown();
					try {
						finish.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return id;
				}, Optional::of));
			try {
				assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
				long started = System.nanoTime();
				submit(body, "key-3").andExpect(status().isConflict())
					.andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
				// Answered at once: nothing waits for the first request on this thread.
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
				assertThat(count("diagnoses")).isZero();
			}
			finally {
				finish.countDown();
				first.get(5, TimeUnit.SECONDS);
			}
		}

	}

	@Nested
	class Reconciliation {

		@Autowired
		LeadReconciler reconciler;

		@Test
		void aDiagnosisStoredWithoutItsLeadIsLinkedByTheReconciler() throws Exception {
			submit(diagnosis("finance", answersAll(3), ZHANG), null).andExpect(status().isCreated());
			// Simulate a crash between the two writes: the lead is gone, the diagnosis
			// still holds what it needs.
			Document diagnosis = all("diagnoses").get(0);
			Document lead = all("leads").get(0);
			mongo.remove(new Query(), "leads");
			mongo.getCollection("diagnoses")
				.updateOne(new Document("_id", diagnosis.get("_id")), new Document("$set",
						new Document("leadId", null).append("createdAt", Date.from(Instant.now().minusSeconds(60)))
							.append("pendingLead",
									new Document("company", lead.get("company")).append("contact", lead.get("contact"))
										.append("consent",
												lead.getList("submissions", Document.class).get(0).get("consent")))));
			assertThat(reconciler.reconcile()).isEqualTo(1);
			assertThat(count("leads")).isEqualTo(1);
			assertThat(reconciler.reconcile()).isZero();
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.items[0].company.name").value("星河制造"));
		}

		/**
		 * Two replicas' reconcilers (or one racing the slow request that stored the
		 * diagnosis) find the same unlinked diagnosis at once: the unique submission
		 * index lets one lead exist, and the other reconciler links that one without an
		 * error. Several rounds, each started together from a latch, against the real
		 * server.
		 */
		@Test
		void twoReconcilersAtOnceCreateOneLead() throws Exception {
			LeadReconciler otherReplica = new LeadReconciler(diagnoses, clock);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				for (int round = 0; round < 12; round++) {
					String diagnosisId = storeWithoutItsLead(round);
					CountDownLatch start = new CountDownLatch(1);
					Future<Integer> first = pool.submit(() -> {
						start.await();
						return reconciler.reconcile();
					});
					Future<Integer> second = pool.submit(() -> {
						start.await();
						return otherReplica.reconcile();
					});
					start.countDown();
					first.get(10, TimeUnit.SECONDS);
					second.get(10, TimeUnit.SECONDS);
					List<Document> leads = all("leads").stream()
						.filter(lead -> lead.getList("submissions", Document.class)
							.stream()
							.anyMatch(submission -> diagnosisId.equals(String.valueOf(submission.get("_id")))))
						.toList();
					assertThat(leads).as("round %d", round).hasSize(1);
					assertThat(leads.get(0).getList("submissions", Document.class)).hasSize(1);
					Document diagnosis = mongo.findById(new ObjectId(diagnosisId), Document.class, "diagnoses");
					assertThat(diagnosis.getString("leadId")).isEqualTo(leads.get(0).getObjectId("_id").toHexString());
					assertThat(diagnosis.get("pendingLead")).isNull();
					assertThat(count("leads")).isEqualTo(round + 1);
				}
				// Nothing is left for a later pass, and no pass fails.
				assertThat(reconciler.reconcile()).isZero();
				assertThat(otherReplica.reconcile()).isZero();
			}
			finally {
				pool.shutdownNow();
			}
		}

		@Autowired
		DiagnosisService diagnoses;

		/**
		 * A diagnosis whose lead was never written (a crash between the two writes), by a
		 * person of its own; its id.
		 */
		private String storeWithoutItsLead(int person) throws Exception {
			String contact = "{\"name\": \"客户" + person + "\", \"email\": \"p" + person + "@example.com\"}";
			String id = JsonPath
				.read(submit(diagnosis("finance", answersAll(3), contact), null).andExpect(status().isCreated())
					.andReturn()
					.getResponse()
					.getContentAsString(), "$.id");
			Document diagnosis = mongo.findById(new ObjectId(id), Document.class, "diagnoses");
			Document lead = mongo.findById(new ObjectId(diagnosis.getString("leadId")), Document.class, "leads");
			mongo.remove(Query.query(Criteria.where("_id").is(lead.getObjectId("_id"))), "leads");
			mongo.getCollection("diagnoses")
				.updateOne(new Document("_id", diagnosis.get("_id")), new Document("$set",
						new Document("leadId", null).append("createdAt", Date.from(Instant.now().minusSeconds(60)))
							.append("pendingLead",
									new Document("company", lead.get("company")).append("contact", lead.get("contact"))
										.append("consent",
												lead.getList("submissions", Document.class).get(0).get("consent")))));
			return id;
		}

	}

}
