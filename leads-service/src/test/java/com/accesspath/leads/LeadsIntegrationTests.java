package com.accesspath.leads;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.MutableClock;
import com.accesspath.devstack.test.RealDatabases;
import com.accesspath.leads.notify.LeadNotifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "leads-test")
@Import(MutableClock.Config.class)
class LeadsIntegrationTests {

	static final WeComStub wecom = startWeCom();

	static WeComStub startWeCom() {
		try {
			return new WeComStub();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("accesspath.leads.wecom-webhook-url", wecom::url);
		registry.add("accesspath.leads.webhook-timeout", () -> "500ms");
		registry.add("accesspath.leads.notification-retry-interval", () -> "1h");
		registry.add("accesspath.leads.reconcile-interval", () -> "1h");
	}

	@AfterAll
	static void stopWeCom() {
		wecom.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	LeadNotifier notifier;

	@BeforeEach
	void empty() {
		for (String collection : List.of("leads", "diagnoses", "idempotencyKeys")) {
			this.mongo.dropCollection(collection);
		}
		this.clock.reset();
		wecom.mode(WeComStub.Mode.OK);
		wecom.received().clear();
	}

	static String answersAll(int value) {
		StringBuilder answers = new StringBuilder("{");
		for (String key : List.of("strategy_vision", "strategy_sponsor", "strategy_budget", "data_platform", "data_quality",
				"data_knowledge", "tech_infra", "tech_ops", "tech_integration", "talent_team", "talent_literacy",
				"talent_collaboration", "app_scenarios", "app_value", "app_scale", "gov_policy", "gov_security", "gov_risk")) {
			answers.append(answers.length() > 1 ? "," : "").append('"').append(key).append("\":").append(value);
		}
		return answers.append('}').toString();
	}

	static String diagnosis(String industry, String answers, String contact) {
		return """
				{"company": {"name": "星河制造", "industry": "%s", "size": "201-1000", "region": "苏州"},
				 "answers": %s, "contact": %s, "consent": true}
				""".formatted(industry, answers, contact);
	}

	static final String ZHANG = "{\"name\": \"张伟\", \"title\": \"CIO\", \"phone\": \"13812345678\", \"email\": \"zhang.wei@example.com\"}";

	ResultActions submit(String body, String idempotencyKey) throws Exception {
		var request = post("/api/diagnosis").contentType(MediaType.APPLICATION_JSON).content(body).header(HttpHeaders.USER_AGENT, "Firefox");
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.mvc.perform(request);
	}

	static String bearer(String role) {
		return "Bearer " + LocalTokens.local().issue(role);
	}

	long count(String collection) {
		return this.mongo.count(new Query(), collection);
	}

	String onlyLeadId() {
		List<org.bson.Document> leads = this.mongo.findAll(org.bson.Document.class, "leads");
		assertThat(leads).hasSize(1);
		return leads.get(0).getObjectId("_id").toHexString();
	}

	@Nested
	class Questionnaire {

		@Test
		void sixDimensionsOfThreeQuestionsWithOptionsOneToFive() throws Exception {
			String body = mvc.perform(get("/api/diagnosis/questionnaire"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.version").value("2026.1"))
				.andExpect(jsonPath("$.dimensions", hasSize(6)))
				.andExpect(jsonPath("$.dimensions[0].name").value("战略"))
				.andExpect(jsonPath("$.dimensions[0].recommendation").doesNotExist())
				.andReturn().getResponse().getContentAsString();
			List<Integer> values = JsonPath.read(body, "$.dimensions[*].questions[*].options[*].value");
			assertThat(values).hasSize(18 * 5).allMatch(value -> value >= 1 && value <= 5);
		}

	}

	@Nested
	class Diagnosis {

		@Test
		void reportScoresDimensionsLevelAndRecommendations() throws Exception {
			MvcResult result = submit(diagnosis("manufacturing", answersAll(3), ZHANG), null).andExpect(status().isCreated())
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
			mvc.perform(get("/api/diagnosis/" + id + "/report").param("token", "wrong")).andExpect(status().isNotFound());
			mvc.perform(get("/api/diagnosis/" + id + "/report")).andExpect(status().isNotFound());
		}

		@Test
		void mixedAnswersScoreEachDimensionOnItsOwn() throws Exception {
			String answers = answersAll(5).replace("\"gov_policy\":5", "\"gov_policy\":1")
				.replace("\"gov_security\":5", "\"gov_security\":1")
				.replace("\"gov_risk\":5", "\"gov_risk\":2");
			submit(diagnosis("finance", answers, ZHANG), null).andExpect(jsonPath("$.report.dimensions[5].key").value("governance"))
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
				submit(diagnosis("retail", answersAll(value), "{\"name\": \"甲\", \"email\": \"a" + value + "@example.com\"}"), null)
					.andExpect(jsonPath("$.report.percentile").value(nullValue()));
			}
			submit(diagnosis("finance", answersAll(3), ZHANG), null).andExpect(jsonPath("$.report.percentile").value(nullValue()));
			// Five earlier retail diagnoses scored 0, 25, 50, 75, 100: a 50 beats two of them.
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

		@Test
		void idempotentReplayReturnsTheFirstAnswerAndCreatesNothing() throws Exception {
			String first = submit(diagnosis("finance", answersAll(2), ZHANG), "key-1").andExpect(status().isCreated())
				.andReturn().getResponse().getContentAsString();
			String replay = submit(diagnosis("finance", answersAll(2), ZHANG), "key-1").andExpect(status().isCreated())
				.andExpect(header().string("Idempotent-Replayed", "true"))
				.andReturn().getResponse().getContentAsString();
			assertThat(JsonPath.<String>read(replay, "$.id")).isEqualTo(JsonPath.read(first, "$.id"));
			assertThat(JsonPath.<String>read(replay, "$.reportToken")).isEqualTo(JsonPath.read(first, "$.reportToken"));
			assertThat(count("diagnoses")).isEqualTo(1);
			assertThat(count("leads")).isEqualTo(1);
		}

		@Test
		void consentIsStoredWithTimeAddressUserAgentAndTextVersion() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			org.bson.Document consent = mongo.findAll(org.bson.Document.class, "leads").get(0)
				.getList("submissions", org.bson.Document.class).get(0).get("consent", org.bson.Document.class);
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
		@ValueSource(strings = {
				"CONSENT_FALSE|consent", "CONSENT_MISSING|consent", "INDUSTRY|company.industry", "SIZE|company.size",
				"UNANSWERED|answers.gov_risk", "NOT_AN_OPTION|answers.gov_risk", "UNKNOWN_QUESTION|answers.nope",
				"NO_PHONE_OR_EMAIL|contact.phone", "BAD_PHONE|contact.phone", "BAD_EMAIL|contact.email", "LONG_NAME|company.name",
				"OPERATOR|contact.phone", "OPERATOR_ANSWER|answers.gov_risk" })
		void isA400NamingTheFieldStoresAndSendsNothing(String caseAndField) throws Exception {
			String[] parts = caseAndField.split("\\|");
			String body = switch (parts[0]) {
				case "CONSENT_FALSE" -> diagnosis("finance", answersAll(3), ZHANG).replace("\"consent\": true", "\"consent\": false");
				case "CONSENT_MISSING" -> diagnosis("finance", answersAll(3), ZHANG).replace(", \"consent\": true", "");
				case "INDUSTRY" -> diagnosis("mining", answersAll(3), ZHANG);
				case "SIZE" -> diagnosis("finance", answersAll(3), ZHANG).replace("201-1000", "huge");
				case "UNANSWERED" -> diagnosis("finance", answersAll(3).replace(",\"gov_risk\":3", ""), ZHANG);
				case "NOT_AN_OPTION" -> diagnosis("finance", answersAll(3).replace("\"gov_risk\":3", "\"gov_risk\":9"), ZHANG);
				case "UNKNOWN_QUESTION" -> diagnosis("finance", answersAll(3).replace("}", ",\"nope\":3}"), ZHANG);
				case "NO_PHONE_OR_EMAIL" -> diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"wechat\": \"zw\"}");
				case "BAD_PHONE" -> diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"phone\": \"12345678901\"}");
				case "BAD_EMAIL" -> diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"email\": \"not-an-email\"}");
				case "LONG_NAME" -> diagnosis("finance", answersAll(3), ZHANG).replace("星河制造", "长".repeat(101));
				case "OPERATOR" -> diagnosis("finance", answersAll(3), "{\"name\": \"张伟\", \"phone\": {\"$gt\": \"\"}}");
				case "OPERATOR_ANSWER" -> diagnosis("finance", answersAll(3).replace("\"gov_risk\":3", "\"gov_risk\":{\"$gt\":0}"), ZHANG);
				default -> throw new IllegalArgumentException(parts[0]);
			};
			submit(body, null).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field").value(hasItem(parts[1])));
			assertThat(count("diagnoses")).isZero();
			assertThat(count("leads")).isZero();
			assertThat(wecom.received()).isEmpty();
		}

		@Test
		void malformedJsonIs400() throws Exception {
			submit("{\"company\": ", null).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

		@Test
		void contactNeedsPhoneOrEmailAndConsent() throws Exception {
			mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"王\", \"company\": \"某公司\", \"message\": \"你好\", \"consent\": true}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("phone"));
			mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"王\", \"company\": \"某公司\", \"email\": \"w@example.com\", \"message\": \"你好\", \"consent\": false}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("consent"));
			assertThat(count("leads")).isZero();
		}

	}

	@Nested
	class Leads {

		@Test
		void contactBecomesANewLeadAndAReplayCreatesNothing() throws Exception {
			String body = "{\"name\": \"王芳\", \"company\": \"某银行\", \"email\": \"wang@example.com\", \"message\": \"想了解私有化部署\", \"consent\": true}";
			String first = mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON).content(body).header("Idempotency-Key", "c-1"))
				.andExpect(status().isCreated())
				.andReturn().getResponse().getContentAsString();
			String replay = mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON).content(body).header("Idempotency-Key", "c-1"))
				.andExpect(status().isCreated())
				.andReturn().getResponse().getContentAsString();
			assertThat(JsonPath.<String>read(replay, "$.id")).isEqualTo(JsonPath.read(first, "$.id"));
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.items", hasSize(1)))
				.andExpect(jsonPath("$.items[0].type").value("CONTACT"))
				.andExpect(jsonPath("$.items[0].status").value("NEW"))
				.andExpect(jsonPath("$.items[0].submissions").value(1))
				.andExpect(jsonPath("$.items[0].contact.email").value("w***@example.com"));
		}

		@Test
		void theSamePersonWithin90DaysIsLinkedNotANewStranger() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			clock.advance(Duration.ofDays(30));
			// Same email, other phone: the same person.
			mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"张伟\", \"company\": \"星河制造\", \"email\": \"Zhang.Wei@example.com\", \"message\": \"请联系我\", \"consent\": true}"))
				.andExpect(status().isCreated());
			String leadId = onlyLeadId();
			mvc.perform(get("/api/admin/leads/" + leadId).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.submissions", hasSize(2)))
				.andExpect(jsonPath("$.history[*].action").value(hasItem("RESUBMITTED")));
			clock.advance(Duration.ofDays(91));
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			assertThat(count("leads")).isEqualTo(2);
		}

		@Test
		void salesListMasksAndFilters() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			submit(diagnosis("retail", answersAll(4), "{\"name\": \"李娜\", \"phone\": \"13900001111\"}"), null);
			String auth = bearer("SALES");
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items", hasSize(2)))
				.andExpect(jsonPath("$.items[*].contact.phone").value(org.hamcrest.Matchers.containsInAnyOrder("138****5678", "139****1111")))
				.andExpect(jsonPath("$.items[1].contact.email").value("z***@example.com"));
			mvc.perform(get("/api/admin/leads?industry=retail").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items[*].contact.name").value(org.hamcrest.Matchers.contains("李娜")));
			mvc.perform(get("/api/admin/leads?q=李").header(HttpHeaders.AUTHORIZATION, auth)).andExpect(jsonPath("$.items", hasSize(1)));
			mvc.perform(get("/api/admin/leads?q=.*").header(HttpHeaders.AUTHORIZATION, auth)).andExpect(jsonPath("$.items", hasSize(0)));
			mvc.perform(get("/api/admin/leads?limit=1").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.nextCursor").isNotEmpty());
			mvc.perform(get("/api/admin/leads?cursor=garbage").header(HttpHeaders.AUTHORIZATION, auth)).andExpect(status().isBadRequest());
		}

		@Test
		void onlySalesAndAdminSeeLeads() throws Exception {
			mvc.perform(get("/api/admin/leads")).andExpect(status().isUnauthorized());
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))).andExpect(status().isForbidden());
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("ADMIN"))).andExpect(status().isOk());
			mvc.perform(get("/api/admin/leads/ffffffffffffffffffffffff").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(status().isNotFound());
		}

		@Test
		void fullLeadHasAnswersReportAndRecordsTheView() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(jsonPath("$.contact.phone").value("13812345678"))
				.andExpect(jsonPath("$.submissions[0].answers.strategy_vision").value(2))
				.andExpect(jsonPath("$.submissions[0].report.overall").value(25))
				.andExpect(jsonPath("$.submissions[0].questionnaireVersion").value("2026.1"))
				.andExpect(jsonPath("$.history[*].action").value(hasItem("VIEWED")))
				.andExpect(jsonPath("$.history[?(@.action == 'VIEWED')].actor").value(hasItem("local-sales")));
		}

		@Test
		void statusMovesFollowTheFunnelWithIfMatch() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			String auth = bearer("SALES");
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"CONTACTED\"}"))
				.andExpect(status().isPreconditionRequired());
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth).header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"QUALIFIED\"}"))
				.andExpect(status().isConflict());
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth).header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"CONTACTED\", \"assignee\": \"sales-li\"}"))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
				.andExpect(jsonPath("$.status").value("CONTACTED"))
				.andExpect(jsonPath("$.assignee").value("sales-li"));
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth).header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"QUALIFIED\"}"))
				.andExpect(status().isPreconditionFailed());
			for (String next : List.of("QUALIFIED", "WON")) {
				String etag = mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth))
					.andReturn().getResponse().getHeader(HttpHeaders.ETAG);
				mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth).header(HttpHeaders.IF_MATCH, etag)
					.contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"" + next + "\"}"))
					.andExpect(status().isOk());
			}
			String etag = mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.history[?(@.action == 'STATUS')].detail")
					.value(org.hamcrest.Matchers.contains("NEW → CONTACTED", "CONTACTED → QUALIFIED", "QUALIFIED → WON")))
				.andReturn().getResponse().getHeader(HttpHeaders.ETAG);
			for (String refused : List.of("NEW", "LOST")) {
				mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth).header(HttpHeaders.IF_MATCH, etag)
					.contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"" + refused + "\"}"))
					.andExpect(status().isConflict());
			}
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth).header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"DONE\"}"))
				.andExpect(status().isBadRequest());
		}

		@Test
		void anyOpenLeadMayBeLost() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			mvc.perform(patch("/api/admin/leads/" + onlyLeadId()).header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
				.header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"LOST\"}"))
				.andExpect(status().isOk());
		}

		@Test
		void notesAreAddedAndRecorded() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			mvc.perform(post("/api/admin/leads/" + id + "/notes").header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"已电话沟通,下周演示\"}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.author").value("local-sales"));
			mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.notes[0].text").value("已电话沟通,下周演示"))
				.andExpect(jsonPath("$.history[*].action").value(hasItem("NOTE")));
			mvc.perform(post("/api/admin/leads/" + id + "/notes").header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"\"}"))
				.andExpect(status().isBadRequest());
		}

		@Test
		void csvExportOpensInExcelWithChineseIntact() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			byte[] csv = mvc.perform(get("/api/admin/leads/export").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("text/csv")))
				.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString("leads.csv")))
				.andReturn().getResponse().getContentAsByteArray();
			assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
			String text = new String(csv, StandardCharsets.UTF_8);
			assertThat(text).contains("线索ID,类型,状态,公司").contains("\"星河制造\"").contains("\"张伟\"").contains("\"13812345678\"");
			assertThat(text.split("\r\n")).hasSize(2);
		}

		@Test
		void adminErasesPersonalDataLeavingAnAnonymousRecord() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			mvc.perform(delete("/api/admin/leads/" + id + "/personal-data").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(status().isForbidden());
			mvc.perform(delete("/api/admin/leads/" + id + "/personal-data").header(HttpHeaders.AUTHORIZATION, bearer("ADMIN")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.erased").value(true))
				.andExpect(jsonPath("$.contact.name").value("[已删除]"))
				.andExpect(jsonPath("$.contact.phone").value(nullValue()))
				.andExpect(jsonPath("$.company.industry").value("finance"))
				.andExpect(jsonPath("$.submissions[0].report.overall").value(25));
			String stored = mongo.findAll(org.bson.Document.class, "leads").get(0).toJson();
			assertThat(stored).doesNotContain("13812345678", "zhang.wei", "张伟", "127.0.0.1", "Firefox");
			mvc.perform(get("/api/diagnosis/stats")).andExpect(jsonPath("$.completed").value(1));
		}

	}

	@Nested
	class Platform {

		@Autowired
		com.accesspath.leads.diagnosis.LeadReconciler reconciler;

		@Test
		void aDiagnosisStoredWithoutItsLeadIsLinkedByTheReconciler() throws Exception {
			submit(diagnosis("finance", answersAll(3), ZHANG), null).andExpect(status().isCreated());
			// Simulate a crash between the two writes: the lead is gone, the diagnosis still holds what it needs.
			org.bson.Document diagnosis = mongo.findAll(org.bson.Document.class, "diagnoses").get(0);
			org.bson.Document lead = mongo.findAll(org.bson.Document.class, "leads").get(0);
			mongo.dropCollection("leads");
			mongo.getCollection("diagnoses").updateOne(new org.bson.Document("_id", diagnosis.get("_id")),
					new org.bson.Document("$set", new org.bson.Document("leadId", null)
						.append("createdAt", java.util.Date.from(Instant.now().minusSeconds(60)))
						.append("pendingLead", new org.bson.Document("company", lead.get("company"))
							.append("contact", lead.get("contact"))
							.append("consent", lead.getList("submissions", org.bson.Document.class).get(0).get("consent")))));
			assertThat(reconciler.reconcile()).isEqualTo(1);
			assertThat(count("leads")).isEqualTo(1);
			assertThat(reconciler.reconcile()).isZero();
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.items[0].company.name").value("星河制造"));
		}

		@Test
		void healthIncludesTheMongoPingAndUnknownPathsAre404Problems() throws Exception {
			mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.components.mongo.status").value("UP"));
			mvc.perform(get("/api/nothing")).andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

	}

	@Nested
	class Notifications {

		@Test
		void newLeadIsPostedToWeCom() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			await().atMost(Duration.ofSeconds(5)).until(() -> wecom.received().size() == 1);
			Map<String, Object> message = JsonPath.read(wecom.received().get(0), "$");
			assertThat(message).containsEntry("msgtype", "markdown");
			assertThat(wecom.received().get(0)).contains("星河制造").contains("138****5678").doesNotContain("13812345678");
		}

		@Test
		void failingOrHangingWebhookNeitherSlowsNorLosesLeadsAndIsRetriedLater() throws Exception {
			for (WeComStub.Mode mode : List.of(WeComStub.Mode.FAIL, WeComStub.Mode.HANG)) {
				wecom.mode(mode);
				long started = System.nanoTime();
				submit(diagnosis("finance", answersAll(2), "{\"name\": \"客户" + mode + "\", \"email\": \"" + mode + "@example.com\"}"), null)
					.andExpect(status().isCreated());
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
			}
			assertThat(count("leads")).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> mongo.findAll(org.bson.Document.class, "leads")
				.stream().allMatch(lead -> lead.get("notification", org.bson.Document.class).getInteger("attempts") == 1));
			// Only this test's leads count: a delivery another test started may still land on the shared stub.
			assertThat(wecom.received()).noneMatch(message -> message.contains("客户FAIL") || message.contains("客户HANG"));
			wecom.mode(WeComStub.Mode.OK);
			clock.advance(Duration.ofMinutes(1));
			notifier.deliverDue();
			assertThat(wecom.received()).filteredOn(message -> message.contains("客户FAIL") || message.contains("客户HANG")).hasSize(2);
			assertThat(mongo.findAll(org.bson.Document.class, "leads"))
				.allMatch(lead -> "SENT".equals(lead.get("notification", org.bson.Document.class).getString("state")));
		}

	}

}
