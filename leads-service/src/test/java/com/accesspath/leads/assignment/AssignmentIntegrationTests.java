package com.accesspath.leads.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.accesspath.leads.LeadsIntegrationTest;
import com.accesspath.leads.WeComStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Leads are assigned when they arrive, by the rules and in turn, and are on the clock:
 * overdue leads and due follow-ups are announced once.
 */
class AssignmentIntegrationTests extends LeadsIntegrationTest {

	/** Friday 2026-12-04, 17:00 in Beijing. */
	private static final Instant FRIDAY_FIVE_PM = Instant.parse("2026-12-04T09:00:00Z");

	@Autowired
	private LeadDeadlines deadlines;

	private static String person(int i) {
		return "{\"name\": \"客户" + i + "\", \"phone\": \"1380000" + String.format("%04d", i) + "\"}";
	}

	private String assigneeOf(String company) {
		return all("leads").stream()
			.filter(lead -> company.equals(lead.get("company", Document.class).getString("name")))
			.map(lead -> lead.getString("assignee"))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The only lead's new-lead message delivered (it leaves in the background), so that
	 * what the stub receives next is the clock's.
	 */
	private void newLeadMessageDelivered() {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "SENT".equals(all("leads").get(0).get("notification", Document.class).getString("state")));
		wecom.received().clear();
	}

	private static List<String> received(String about) {
		return wecom.received().stream().filter(message -> message.contains(about)).toList();
	}

	@Test
	void leadsGoToTheRosterInTurnAndARuleKeepsItsIndustry() throws Exception {
		for (int i = 1; i <= 4; i++) {
			submit(diagnosis("finance", answersAll(2), person(i)).replace("星河制造", "金融客户" + i), null)
				.andExpect(status().isCreated());
		}
		submit(diagnosis("energy", answersAll(2), person(9)).replace("星河制造", "能源客户"), null);
		assertThat(List.of(assigneeOf("金融客户1"), assigneeOf("金融客户2"), assigneeOf("金融客户3"), assigneeOf("金融客户4")))
			.containsExactly("local-sales", "sales-li", "local-sales", "sales-li");
		assertThat(assigneeOf("能源客户")).isEqualTo("sales-li");
		mvc.perform(get("/api/admin/leads?assignee=me").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[*].company.name").value(contains("金融客户3", "金融客户1")));
		String lead = all("leads").get(0).getObjectId("_id").toHexString();
		mvc.perform(get("/api/admin/leads/" + lead).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
			.andExpect(jsonPath("$.history[?(@.action == 'ASSIGNED')].detail").value(hasItem("按分配规则分给 本地销售")));
	}

	@Test
	void leadsArrivingAtOnceAreSharedEvenly() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> done = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				int n = i;
				Callable<Integer> post = () -> submit(
						diagnosis("finance", answersAll(2), person(100 + n)).replace("星河制造", "并发客户" + n), null)
					.andReturn()
					.getResponse()
					.getStatus();
				done.add(pool.submit(post));
			}
			for (Future<Integer> status : done) {
				assertThat(status.get()).isEqualTo(201);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Map<String, Long> perPerson = all("leads").stream()
			.collect(Collectors.groupingBy(lead -> lead.getString("assignee"), Collectors.counting()));
		assertThat(perPerson).containsEntry("local-sales", 8L).containsEntry("sales-li", 8L);
	}

	@Test
	void theFirstContactIsDueInWorkingHoursAndAnOverdueLeadIsFlaggedAndAnnouncedOnce() throws Exception {
		clock.set(FRIDAY_FIVE_PM);
		submit(diagnosis("finance", answersAll(2), ZHANG), null).andExpect(status().isCreated());
		newLeadMessageDelivered();
		String id = onlyLeadId();
		String auth = bearer("SALES");
		// Four working hours from Friday 17:00: Monday 12:00 in Beijing.
		mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.firstContactDue").value("2026-12-07T04:00:00Z"))
			.andExpect(jsonPath("$.overdue").value(false));
		wecom.received().clear();
		clock.set(Instant.parse("2026-12-07T03:59:00Z"));
		assertThat(this.deadlines.announceOverdue()).isZero();
		mvc.perform(get("/api/admin/leads?overdue=true").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items", hasSize(0)));

		clock.set(Instant.parse("2026-12-07T04:01:00Z"));
		mvc.perform(get("/api/admin/leads?overdue=true").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items[*].id").value(contains(id)))
			.andExpect(jsonPath("$.items[0].overdue").value(true));
		mvc.perform(get("/api/admin/leads/counts").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.overdue").value(1))
			.andExpect(jsonPath("$.mine").value(1))
			.andExpect(jsonPath("$.all").value(1))
			.andExpect(jsonPath("$.unassigned").value(0));
		assertThat(this.deadlines.announceOverdue()).isEqualTo(1);
		assertThat(this.deadlines.announceOverdue()).isZero();
		clock.advance(Duration.ofHours(5));
		this.deadlines.check();
		assertThat(wecom.received()).hasSize(1);
		assertThat(received("逾期")).singleElement().asString().contains("星河制造").contains("<@LocalSales>");
		mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.history[?(@.action == 'OVERDUE')]", hasSize(1)));
	}

	@Test
	void anOverdueAnnouncementWeComRefusedIsSentAtTheNextCheck() throws Exception {
		clock.set(FRIDAY_FIVE_PM);
		submit(diagnosis("finance", answersAll(2), ZHANG), null);
		newLeadMessageDelivered();
		wecom.mode(WeComStub.Mode.FAIL);
		clock.set(Instant.parse("2026-12-07T05:00:00Z"));
		assertThat(this.deadlines.announceOverdue()).isZero();
		assertThat(all("leads").get(0).get("overdueNotifiedAt")).isNull();
		wecom.mode(WeComStub.Mode.OK);
		wecom.received().clear();
		assertThat(this.deadlines.announceOverdue()).isEqualTo(1);
		assertThat(this.deadlines.announceOverdue()).isZero();
		assertThat(wecom.received()).hasSize(1);
	}

	@Test
	void aLeadContactedInTimeIsNeverOverdueAndKeepsWhenItWasContacted() throws Exception {
		clock.set(FRIDAY_FIVE_PM);
		submit(diagnosis("finance", answersAll(2), ZHANG), null);
		newLeadMessageDelivered();
		String id = onlyLeadId();
		clock.set(Instant.parse("2026-12-07T02:00:00Z"));
		mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"CONTACTED\"}")).andExpect(status().isOk());
		clock.set(Instant.parse("2026-12-08T02:00:00Z"));
		wecom.received().clear();
		assertThat(this.deadlines.announceOverdue()).isZero();
		mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
			.andExpect(jsonPath("$.overdue").value(false))
			.andExpect(jsonPath("$.firstContactedAt").value("2026-12-07T02:00:00Z"));
		assertThat(wecom.received()).isEmpty();
	}

	@Test
	void aFollowUpIsRemindedOnceAndAgainWhenRescheduled() throws Exception {
		clock.set(FRIDAY_FIVE_PM);
		submit(diagnosis("finance", answersAll(2), ZHANG), null);
		newLeadMessageDelivered();
		String id = onlyLeadId();
		String auth = bearer("SALES");
		Function<String, String> plan = at -> "{\"status\": \"CONTACTED\", \"nextFollowUpAt\": \"" + at + "\"}";
		mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content(plan.apply("2026-12-08T02:00:00Z")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nextFollowUpAt").value("2026-12-08T02:00:00Z"));
		wecom.received().clear();
		clock.set(Instant.parse("2026-12-08T01:59:00Z"));
		assertThat(this.deadlines.remindFollowUps()).isZero();
		clock.set(Instant.parse("2026-12-08T02:01:00Z"));
		assertThat(this.deadlines.remindFollowUps()).isEqualTo(1);
		assertThat(this.deadlines.remindFollowUps()).isZero();
		assertThat(wecom.received()).singleElement().asString().contains("该跟进了").contains("<@LocalSales>");
		mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
			.header(HttpHeaders.IF_MATCH, "\"2\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"nextFollowUpAt\": \"2026-12-09T02:00:00Z\"}")).andExpect(status().isOk());
		clock.set(Instant.parse("2026-12-09T02:30:00Z"));
		assertThat(this.deadlines.remindFollowUps()).isEqualTo(1);
		assertThat(wecom.received()).hasSize(2);
	}

	@Test
	void onlySomeoneOnTheRosterCanBeGivenALeadAndAWrongTypeChangesNothing() throws Exception {
		submit(diagnosis("finance", answersAll(2), ZHANG), null);
		String id = onlyLeadId();
		String auth = bearer("SALES");
		for (String body : List.of("{\"assignee\": \"somebody-else\"}", "{\"nextFollowUpAt\": 1733000000}",
				"{\"nextFollowUpAt\": \"tomorrow\"}", "{\"assignee\": [\"sales-li\"]}")) {
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isBadRequest());
		}
		assertThat(all("leads").get(0).getLong("version")).isEqualTo(1L);
		mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"assignee\": \"sales-li\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.assignee").value("sales-li"))
			.andExpect(jsonPath("$.history[?(@.action == 'ASSIGNED')].detail").value(hasItem("分配给 李娜")));
		mvc.perform(get("/api/admin/leads/assignees").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$[*].id").value(contains("local-sales", "sales-li")))
			.andExpect(jsonPath("$[*].name").value(contains("本地销售", "李娜")));
	}

}
