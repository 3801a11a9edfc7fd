package com.accesspath.leads.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

import com.accesspath.leads.LeadsIntegrationTest;
import com.accesspath.leads.WeComStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * New leads reach the WeCom robot in the background, through the {@code wecom} client
 * group and breaker.
 */
class LeadNotifierIntegrationTests extends LeadsIntegrationTest {

	@Nested
	class Notifications {

		@Autowired
		LeadNotifier notifier;

		@Autowired
		CircuitBreakerRegistry breakers;

		@Test
		void newLeadIsPostedToWeCom() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			await().atMost(Duration.ofSeconds(5)).until(() -> wecom.received().size() == 1);
			Map<String, Object> message = JsonPath.read(wecom.received().get(0), "$");
			assertThat(message).containsEntry("msgtype", "markdown");
			assertThat(wecom.received().get(0)).contains("星河制造").contains("138****5678").doesNotContain("13812345678");
		}

		@Test
		void whatAProspectTypesCannotForgeLinksLinesOrMentionsInTheSalesGroup() throws Exception {
			String hostile = diagnosis("finance", answersAll(2),
					"{\"name\": \"<@all> **急**\", \"phone\": \"13812345678\"}")
				.replace("星河制造", "星河[点此领取](https://evil.example)\\n> 负责人:`老板`")
				.replace("\"consent\": true",
						"\"consent\": true, \"source\": {\"utm\": {\"source\": \"<font color=red>x</font>\"}}");
			submit(hostile, null).andExpect(status().isCreated());
			await().atMost(Duration.ofSeconds(5)).until(() -> !wecom.received().isEmpty());
			String content = JsonPath.read(wecom.received().get(0), "$.markdown.content");
			assertThat(content).contains("星河［点此领取］（https://evil.example）").contains("＜@all＞ ＊＊急＊＊");
			assertThat(content).doesNotContain("](", "<@", "<font color=red>", "`");
			// The message's own lines only: title, source, score, maturity, contact,
			// assignee, id; the typed line break forged none.
			assertThat(content.lines()).hasSize(7)
				.filteredOn(line -> line.startsWith("> 负责人:"))
				.containsExactly("> 负责人:local-sales");
		}

		@Test
		void failingOrHangingWebhookNeitherSlowsNorLosesLeadsAndIsRetriedLater() throws Exception {
			// A JVM's first submissions (and first failed deliveries) pay for class
			// loading, lazily built metadata and
			// the JIT: one untimed pass first, so that the limit below measures what the
			// webhook does to a request.
			for (WeComStub.Mode mode : List.of(WeComStub.Mode.FAIL, WeComStub.Mode.HANG)) {
				wecom.mode(mode);
				submit(diagnosis("finance", answersAll(2),
						"{\"name\": \"预热" + mode + "\", \"email\": \"warm-" + mode + "@example.com\"}"), null)
					.andExpect(status().isCreated());
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> all("leads").stream()
					.allMatch(lead -> lead.get("notification", Document.class).getInteger("attempts") == 1));
			mongo.remove(new Query(), "leads");
			mongo.remove(new Query(), "diagnoses");
			breakers.circuitBreaker("wecom").reset(); // the untimed pass's failures must
														// not open it for the timed one
			for (WeComStub.Mode mode : List.of(WeComStub.Mode.FAIL, WeComStub.Mode.HANG)) {
				wecom.mode(mode);
				long started = System.nanoTime();
				submit(diagnosis("finance", answersAll(2),
						"{\"name\": \"客户" + mode + "\", \"email\": \"" + mode + "@example.com\"}"), null)
					.andExpect(status().isCreated());
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
			}
			assertThat(count("leads")).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> all("leads").stream()
					.allMatch(lead -> lead.get("notification", Document.class).getInteger("attempts") == 1));
			// Only this test's leads count: a delivery another test started may still
			// land on the shared stub.
			assertThat(wecom.received()).noneMatch(message -> message.contains("客户FAIL") || message.contains("客户HANG"));
			wecom.mode(WeComStub.Mode.OK);
			clock.advance(Duration.ofMinutes(1));
			notifier.deliverDue();
			assertThat(wecom.received()).filteredOn(message -> message.contains("客户FAIL") || message.contains("客户HANG"))
				.hasSize(2);
			assertThat(all("leads"))
				.allMatch(lead -> "SENT".equals(lead.get("notification", Document.class).getString("state")));
		}

		@Test
		void theWebhookTimeLimitIsTheServiceClientGroupsReadTimeout() throws Exception {
			// The tests set spring.http.serviceclient.wecom.read-timeout to 500ms
			// (application.yml: 3s).
			wecom.mode(WeComStub.Mode.HANG);
			long started = System.nanoTime();
			submit(diagnosis("finance", answersAll(2), "{\"name\": \"超时\", \"email\": \"slow@example.com\"}"), null)
				.andExpect(status().isCreated());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> all("leads").get(0).get("notification", Document.class).getInteger("attempts") == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
			assertThat(all("leads").get(0).get("notification", Document.class).getString("state")).isEqualTo("PENDING");
		}

		@Test
		void attemptsBackOffAsConfigured() {
			assertThat(notifier.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
			assertThat(notifier.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
			assertThat(notifier.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
			assertThat(notifier.backoffAfter(11)).isEqualTo(Duration.ofMinutes(30));
		}

		@Test
		void anOpenBreakerSpendsNoAttemptAndKeepsTheLeadDue() throws Exception {
			CircuitBreaker breaker = breakers.circuitBreaker("wecom");
			assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(10);
			assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(5);
			breaker.transitionToOpenState();
			submit(diagnosis("finance", answersAll(2), "{\"name\": \"断路\", \"email\": \"open@example.com\"}"), null)
				.andExpect(status().isCreated());
			Instant next = clock.instant().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> next.equals(
						all("leads").get(0).get("notification", Document.class).getDate("nextAttemptAt").toInstant()));
			Document notification = all("leads").get(0).get("notification", Document.class);
			assertThat(notification.getInteger("attempts")).isZero();
			assertThat(notification.getString("state")).isEqualTo("PENDING");
			assertThat(wecom.received()).noneMatch(message -> message.contains("断路"));
		}

	}

}
