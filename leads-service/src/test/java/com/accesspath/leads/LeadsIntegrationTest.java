package com.accesspath.leads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;

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
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.MutableClock;
import com.accesspath.devstack.test.RealDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The one application context every feature's integration tests share (same annotations,
 * same properties, so Spring's context cache starts it once): real databases, a movable
 * clock, a WeCom stub, an article-service stub, empty collections before each test. The
 * server listens on a port the system chose, for the tests that speak real HTTP (the
 * report's PDF); the others use MockMvc.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "leads-test")
@Import(MutableClock.Config.class)
public abstract class LeadsIntegrationTest {

	protected static final WeComStub wecom = startedForTheJvm(WeComStub::new, WeComStub::close);

	protected static final ArticleServiceStub articleService = startedForTheJvm(ArticleServiceStub::new,
			ArticleServiceStub::close);

	/**
	 * The SMTP port of the one context: a free one, not GreenMail's fixed 3025 (devstack
	 * holds that while {@code ./platform up} runs); the tests that read mail start
	 * GreenMail on it.
	 */
	protected static final int SMTP_PORT = freePort();

	protected static final String ZHANG = "{\"name\": \"张伟\", \"title\": \"CIO\", \"phone\": \"13812345678\", \"email\": \"zhang.wei@example.com\"}";

	private interface Starter<T> {

		T start() throws IOException;

	}

	/**
	 * A stub shared by every class of the one context, so it lives as long as the JVM.
	 */
	private static <T> T startedForTheJvm(Starter<T> starter, Consumer<T> stop) {
		try {
			T stub = starter.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.accept(stub)));
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.http.serviceclient.article-service.base-url", articleService::url);
		registry.add("accesspath.leads.wecom-webhook-url", wecom::url);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("accesspath.leads.downloads.site-url", () -> "https://www.accesspath.cn");
		registry.add("accesspath.leads.downloads.media-url", () -> "https://www.accesspath.cn/media/");
		registry.add("accesspath.leads.downloads.mail.retry-interval", () -> "1h");
		registry.add("spring.http.serviceclient.wecom.read-timeout", () -> "500ms");
		registry.add("accesspath.leads.notification.retry-interval", () -> "1h");
		registry.add("accesspath.leads.reconcile-interval", () -> "1h");
		// The sales team of these tests: two people in turn, energy leads to the second.
		registry.add("accesspath.leads.assignment.roster[0].id", () -> "local-sales");
		registry.add("accesspath.leads.assignment.roster[0].name", () -> "本地销售");
		registry.add("accesspath.leads.assignment.roster[0].wecom-user-id", () -> "LocalSales");
		registry.add("accesspath.leads.assignment.roster[1].id", () -> "sales-li");
		registry.add("accesspath.leads.assignment.roster[1].name", () -> "李娜");
		registry.add("accesspath.leads.assignment.roster[1].wecom-user-id", () -> "LiNa");
		registry.add("accesspath.leads.assignment.rules[0].industries", () -> "energy");
		registry.add("accesspath.leads.assignment.rules[0].assignees", () -> "sales-li");
		registry.add("accesspath.leads.assignment.check-interval", () -> "1h");
	}

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected MutableClock clock;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@BeforeEach
	void empty() {
		// Documents go, the indexes the services created at start stay (as in
		// production: the unique submission index is part of what is tested).
		for (String collection : List.of("leads", "diagnoses", "diagnosisStats", "idempotencyKeys", "assignmentTurns",
				"downloads")) {
			this.mongo.remove(new Query(), collection);
		}
		this.clock.reset();
		wecom.mode(WeComStub.Mode.OK);
		wecom.received().clear();
		articleService.reset();
		// One test's failing webhook (or article-service) must not open the breaker for
		// the next.
		this.breakers.circuitBreaker("wecom").reset();
		this.breakers.circuitBreaker("article-service").reset();
	}

	protected static String answersAll(int value) {
		StringBuilder answers = new StringBuilder("{");
		for (String key : List.of("strategy_vision", "strategy_sponsor", "strategy_budget", "data_platform",
				"data_quality", "data_knowledge", "tech_infra", "tech_ops", "tech_integration", "talent_team",
				"talent_literacy", "talent_collaboration", "app_scenarios", "app_value", "app_scale", "gov_policy",
				"gov_security", "gov_risk")) {
			answers.append(answers.length() > 1 ? "," : "").append('"').append(key).append("\":").append(value);
		}
		return answers.append('}').toString();
	}

	protected static String diagnosis(String industry, String answers, String contact) {
		return """
				{"company": {"name": "星河制造", "industry": "%s", "size": "201-1000", "region": "苏州"},
				 "answers": %s, "contact": %s, "consent": true}
				""".formatted(industry, answers, contact);
	}

	protected ResultActions submit(String body, String idempotencyKey) throws Exception {
		var request = post("/api/diagnosis").contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.header(HttpHeaders.USER_AGENT, "Firefox");
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.mvc.perform(request);
	}

	protected ResultActions contact(String body, String idempotencyKey) throws Exception {
		var request = post("/api/contact").contentType(MediaType.APPLICATION_JSON).content(body);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.mvc.perform(request);
	}

	protected static String bearer(String role) {
		return "Bearer " + LocalTokens.local().issue(role);
	}

	protected long count(String collection) {
		return this.mongo.count(new Query(), collection);
	}

	protected List<Document> all(String collection) {
		return this.mongo.findAll(Document.class, collection);
	}

	protected String onlyLeadId() {
		List<Document> leads = all("leads");
		assertThat(leads).hasSize(1);
		return leads.get(0).getObjectId("_id").toHexString();
	}

}
