package com.accesspath.newsletter.bounce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.newsletter.bounce.Bounce.Kind;
import com.accesspath.newsletter.bounce.Suppressions.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Suppressions in MongoDB: what counts, once, and what editors see and lift. */
class BounceSuppressionsIntegrationTests extends BounceIntegrationTestSupport {

	Outcome soft(String email, String mailId) {
		return this.suppressions.apply(new Bounce(email, Kind.SOFT_BOUNCE, mailId, "mailbox", "4.2.2 mailbox full"));
	}

	@Nested
	class SoftBounces {

		@Test
		void suppressAtTheLimitOfDistinctMails() {
			assertThat(soft("full@example.com", "a")).isEqualTo(Outcome.COUNTED);
			assertThat(soft("full@example.com", "a")).isEqualTo(Outcome.REPEATED);
			assertThat(soft("FULL@example.com", "b")).isEqualTo(Outcome.COUNTED);
			assertThat(suppressions.isSuppressed("full@example.com")).isFalse();
			assertThat(soft("full@example.com", "c")).isEqualTo(Outcome.SUPPRESSED);
			assertThat(suppressions.isSuppressed("full@example.com")).isTrue();
			assertThat(soft("full@example.com", "d")).isEqualTo(Outcome.ALREADY_SUPPRESSED);
		}

		@Test
		void countOnlyWithinTheWindow() {
			soft("slow@example.com", "a");
			soft("slow@example.com", "b");
			clock.advance(Duration.ofDays(15));
			// The window has closed: a new one opens with this bounce.
			assertThat(soft("slow@example.com", "c")).isEqualTo(Outcome.COUNTED);
			assertThat(suppressions.find("slow@example.com").orElseThrow().softBounces()).isEqualTo(1);
			assertThat(soft("slow@example.com", "d")).isEqualTo(Outcome.COUNTED);
			assertThat(soft("slow@example.com", "e")).isEqualTo(Outcome.SUPPRESSED);
		}

		@Test
		void readByManyReplicasAtOnceCountOnce() throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Callable<Outcome>> replicas = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					replicas.add(() -> soft("race@example.com", "same-mail"));
				}
				List<Outcome> outcomes = new ArrayList<>();
				for (Future<Outcome> outcome : pool.invokeAll(replicas)) {
					outcomes.add(outcome.get());
				}
				assertThat(outcomes).containsOnlyOnce(Outcome.COUNTED);
			}
			finally {
				pool.shutdown();
			}
			assertThat(suppressions.find("race@example.com").orElseThrow().softBounces()).isEqualTo(1);
		}

	}

	@Test
	void aHardBounceSuppressesAtOnceAndTheFirstReasonStays() {
		assertThat(this.suppressions.apply(new Bounce("gone@example.com", Kind.HARD_BOUNCE, "m1", "ses", "5.1.1")))
			.isEqualTo(Outcome.SUPPRESSED);
		assertThat(this.suppressions.apply(new Bounce("gone@example.com", Kind.COMPLAINT, "m2", "sendgrid", "")))
			.isEqualTo(Outcome.ALREADY_SUPPRESSED);
		Suppressions.Suppression suppression = this.suppressions.find("gone@example.com").orElseThrow();
		assertThat(suppression.reason()).isEqualTo("hard-bounce");
		assertThat(suppression.source()).isEqualTo("ses");
	}

	@Test
	void aSoftBouncedAddressThatHardBouncesIsSuppressed() {
		soft("mixed@example.com", "a");
		assertThat(this.suppressions.apply(new Bounce("mixed@example.com", Kind.HARD_BOUNCE, "b", "mailbox", "5.1.1")))
			.isEqualTo(Outcome.SUPPRESSED);
		assertThat(this.suppressions.isSuppressed("mixed@example.com")).isTrue();
	}

	@Test
	void providerTextIsStoredOnOneBoundedLine() {
		this.suppressions.apply(new Bounce("gone@example.com", Kind.HARD_BOUNCE, "m", "ses",
				"5.1.1\r\n\u0000smtp; 550 " + "x".repeat(1000)));
		String detail = this.suppressions.find("gone@example.com").orElseThrow().detail();
		assertThat(detail).startsWith("5.1.1 smtp; 550 xxx").hasSize(300).doesNotContain("\n", "\u0000");
	}

	@Nested
	class EditorEndpoint {

		final String editor = "Bearer " + LocalTokens.local().issue("EDITOR");

		@Test
		void looksUpAndLiftsASuppression() throws Exception {
			suppressions
				.apply(new Bounce("gone@example.com", Kind.HARD_BOUNCE, "m1", "sendgrid", "5.1.1 user unknown"));
			mvc.perform(get("/api/admin/newsletter/suppressions/Gone@Example.com").header(HttpHeaders.AUTHORIZATION,
					this.editor))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.email").value("gone@example.com"))
				.andExpect(jsonPath("$.suppressed").value(true))
				.andExpect(jsonPath("$.reason").value("hard-bounce"))
				.andExpect(jsonPath("$.source").value("sendgrid"))
				.andExpect(jsonPath("$.detail").value("5.1.1 user unknown"));
			mvc.perform(delete("/api/admin/newsletter/suppressions/gone@example.com").header(HttpHeaders.AUTHORIZATION,
					this.editor))
				.andExpect(status().isNoContent());
			assertThat(suppressions.isSuppressed("gone@example.com")).isFalse();
			mvc.perform(delete("/api/admin/newsletter/suppressions/gone@example.com").header(HttpHeaders.AUTHORIZATION,
					this.editor))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}

		@Test
		void unknownAndHostileAddressesAreAnswered() throws Exception {
			mvc.perform(get("/api/admin/newsletter/suppressions/nobody@example.com").header(HttpHeaders.AUTHORIZATION,
					this.editor))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			mvc.perform(get("/api/admin/newsletter/suppressions/" + "a".repeat(300) + "@example.com")
				.header(HttpHeaders.AUTHORIZATION, this.editor)).andExpect(status().isBadRequest());
			mvc.perform(get("/api/admin/newsletter/suppressions/a%07b@example.com").header(HttpHeaders.AUTHORIZATION,
					this.editor))
				.andExpect(status().isBadRequest());
		}

		@Test
		void isForEditorsOnly() throws Exception {
			suppressions.apply(new Bounce("gone@example.com", Kind.HARD_BOUNCE, "m1", "ses", ""));
			mvc.perform(get("/api/admin/newsletter/suppressions/gone@example.com"))
				.andExpect(status().isUnauthorized());
			mvc.perform(delete("/api/admin/newsletter/suppressions/gone@example.com").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + LocalTokens.local().issue("SALES")))
				.andExpect(status().isForbidden());
			assertThat(suppressions.isSuppressed("gone@example.com")).isTrue();
		}

	}

}
