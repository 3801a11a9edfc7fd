package com.accesspath.leads.idempotency;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.accesspath.leads.LeadsIntegrationTest;
import com.accesspath.leads.idempotency.IdempotentRequests.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idempotency component on its own, against the real MongoDB-protocol server. */
class IdempotentRequestsIntegrationTests extends LeadsIntegrationTest {

	@Autowired
	IdempotentRequests requests;

	final AtomicInteger created = new AtomicInteger();

	final Function<String, String> create = id -> {
		this.created.incrementAndGet();
		return id;
	};

	static final Function<String, Optional<String>> FOUND = Optional::of;

	static Map<String, Object> body(String text) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("text", text);
		body.put("answers", Map.of("a", 1, "b", 2));
		return body;
	}

	@Nested
	class Replays {

		@Test
		void aReplayWithTheSameBodyGetsTheFirstResultAndCreatesNothing() {
			Outcome<String> first = requests.run("test", "k1", body("hello"), create, FOUND);
			Map<String, Object> sameInAnotherOrder = new LinkedHashMap<>();
			sameInAnotherOrder.put("answers", Map.of("b", 2, "a", 1));
			sameInAnotherOrder.put("text", "hello");
			Outcome<String> replay = requests.run("test", "k1", sameInAnotherOrder, create, FOUND);
			assertThat(first.replayed()).isFalse();
			assertThat(replay.replayed()).isTrue();
			assertThat(replay.result()).isEqualTo(first.result());
			assertThat(created).hasValue(1);
			Document stored = mongo.findById("test:k1", Document.class, "idempotencyKeys");
			assertThat(stored.getString("state")).isEqualTo("DONE");
			assertThat(stored.getString("bodyHash")).hasSize(64);
			assertThat(stored.getDate("expiresAt").toInstant())
				.isEqualTo(clock.instant().plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.MILLIS));
		}

		@Test
		void aReplayWithAnotherBodyIsRefusedWith422() {
			requests.run("test", "k2", body("hello"), create, FOUND);
			assertThatThrownBy(() -> requests.run("test", "k2", body("other"), create, FOUND))
				.isInstanceOfSatisfying(IdempotencyKeyReusedException.class, ex -> {
					assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
					assertThat(ex.getBody().getDetail()).doesNotContain("hello");
				});
			assertThat(created).hasValue(1);
		}

		@Test
		void keysOfDifferentEndpointsNeverMeet() {
			requests.run("diagnosis", "same", body("hello"), create, FOUND);
			assertThat(requests.run("contact", "same", body("other"), create, FOUND).replayed()).isFalse();
			assertThat(created).hasValue(2);
		}

		@Test
		void aKeyIsForgottenAfterItsRetention() {
			requests.run("test", "k3", body("hello"), create, FOUND);
			clock.advance(Duration.ofHours(25));
			// The TTL monitor may not have run yet: the expired key counts as gone
			// anyway.
			assertThat(requests.run("test", "k3", body("other"), create, FOUND).replayed()).isFalse();
			assertThat(created).hasValue(2);
			requests.afterPropertiesSet(); // the tests drop the collection, and its
											// indexes, before each test
			assertThat(mongo.indexOps("idempotencyKeys").getIndexInfo())
				.anyMatch(index -> index.getName().equals("expiresAt_ttl"));
		}

	}

	@Nested
	class Claims {

		@Test
		void concurrentClaimsCreateOnceAndTheOthersHearItIsRunning() throws Exception {
			int clients = 6;
			CyclicBarrier start = new CyclicBarrier(clients);
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			try {
				List<Future<Object>> answers = new ArrayList<>();
				for (int i = 0; i < clients; i++) {
					answers.add(pool.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						try {
							return requests.run("test", "race", body("hello"), id -> {
								sleep(300);
								return create.apply(id);
							}, FOUND);
						}
						catch (IdempotencyKeyInUseException ex) {
							return ex;
						}
					}));
				}
				List<Object> results = new ArrayList<>();
				for (Future<Object> answer : answers) {
					results.add(answer.get(10, TimeUnit.SECONDS));
				}
				assertThat(created).hasValue(1);
				assertThat(results).filteredOn(result -> result instanceof Outcome<?> outcome && !outcome.replayed())
					.hasSize(1);
				assertThat(results).filteredOn(IdempotencyKeyInUseException.class::isInstance)
					.allSatisfy(ex -> assertThat(
							((IdempotencyKeyInUseException) ex).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
						.isEqualTo("1"))
					.hasSize(clients - 1);
			}
			finally {
				pool.shutdownNow();
			}
		}

		@Test
		void aClaimOlderThanItsLeaseIsTakenOverAndFinishesTheSameResult() throws Exception {
			CountDownLatch running = new CountDownLatch(1);
			CountDownLatch crashed = new CountDownLatch(1);
			List<String> firstId = new ArrayList<>();
			// The first request claims the key and never finishes (as if its replica
			// died).
			CompletableFuture<?> first = CompletableFuture
				.runAsync(() -> requests.run("test", "k4", body("hello"), id -> {
					firstId.add(id);
					running.countDown();
					await(crashed);
					return id;
				}, FOUND));
			try {
				assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
				assertThatThrownBy(() -> requests.run("test", "k4", body("hello"), create, FOUND))
					.isInstanceOf(IdempotencyKeyInUseException.class);
				clock.advance(Duration.ofSeconds(31));
				Outcome<String> retry = requests.run("test", "k4", body("hello"), create, id -> Optional.empty());
				assertThat(retry.replayed()).isFalse();
				assertThat(retry.result()).isEqualTo(firstId.get(0));
				assertThat(requests.run("test", "k4", body("hello"), create, FOUND).replayed()).isTrue();
				assertThat(created).hasValue(1);
			}
			finally {
				crashed.countDown();
				first.get(5, TimeUnit.SECONDS);
			}
		}

		@Test
		void aTakenOverClaimWhoseResultExistsIsAReplay() throws Exception {
			CountDownLatch running = new CountDownLatch(1);
			CountDownLatch crashed = new CountDownLatch(1);
			CompletableFuture<?> first = CompletableFuture
				.runAsync(() -> requests.run("test", "k5", body("hello"), id -> {
					running.countDown();
					await(crashed);
					return id;
				}, FOUND));
			try {
				assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
				clock.advance(Duration.ofSeconds(31));
				// The result was written before the crash: the take-over answers it
				// instead of creating again.
				assertThat(requests.run("test", "k5", body("hello"), create, FOUND).replayed()).isTrue();
				assertThat(created).hasValue(0);
			}
			finally {
				crashed.countDown();
				first.get(5, TimeUnit.SECONDS);
			}
		}

		@Test
		void aFailedRequestFreesItsKeyAtOnceForTheSameResult() {
			List<String> ids = new ArrayList<>();
			assertThatThrownBy(() -> requests.run("test", "k6", body("hello"), id -> {
				ids.add(id);
				throw new IllegalStateException("database hiccup");
			}, FOUND)).hasMessage("database hiccup");
			Outcome<String> retry = requests.run("test", "k6", body("hello"), create, id -> Optional.empty());
			assertThat(retry.replayed()).isFalse();
			assertThat(retry.result()).isEqualTo(ids.get(0));
		}

	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
