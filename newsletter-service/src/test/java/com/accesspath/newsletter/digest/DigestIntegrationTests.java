package com.accesspath.newsletter.digest;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.outbox.OutboxWorker;
import com.accesspath.newsletter.NewsletterIntegrationTestSupport;
import com.accesspath.newsletter.subscription.Frequency;
import com.accesspath.newsletter.subscription.SubscriberRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class DigestIntegrationTests extends NewsletterIntegrationTestSupport {

	@Autowired
	DigestRunner digests;

	@Autowired
	SubscriberRepository subscriberRepository;

	@Autowired
	NewsletterProperties properties;

	@Autowired
	OutboxWorker worker;

	/** Queues the current period's run and waits until its mails are settled. */
	DigestRun runToTheEnd(Frequency frequency) {
		return awaitDone(digests.run(frequency, Integer.MAX_VALUE).id());
	}

	DigestRun awaitDone(String runId) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> digests.find(runId).orElseThrow().status() == DigestRun.Status.DONE);
		return digests.find(runId).orElseThrow();
	}

	@Nested
	class DigestsAndUnsubscribing {

		@Test
		void digestArrivesWithOneClickUnsubscribeThatWorks() throws Exception {
			subscribeAndConfirm("digest@example.com");
			digests.run(Frequency.DAILY, Integer.MAX_VALUE);
			MimeMessage digest = awaitMail(2);
			assertThat(subject(digest)).startsWith("AccessPath AI 资讯 · 每日精选");
			assertThat(textOf(digest)).contains("OpenAI 与北约商谈").contains("阿联酋基因方舟");
			assertThat(trackedLinks(digest)).extracting(link -> link.getQueryParams().getFirst("url"))
				.contains(URLEncoder.encode("http://localhost:8080/articles/openai-nato", StandardCharsets.UTF_8));
			String listUnsubscribe = digest.getHeader("List-Unsubscribe")[0];
			assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
			// Mail clients POST to the API; readers' links open the web pages, which act
			// only on a click.
			assertThat(listUnsubscribe).contains("/api/subscriptions/unsubscribe?token=");
			assertThat(textOf(digest)).contains("/subscriptions/unsubscribe?token=")
				.doesNotContain("/api/subscriptions/unsubscribe")
				.doesNotContain("/api/subscriptions/preferences");
			String token = listUnsubscribe.replaceFirst("^<.*token=", "").replace(">", "");
			// A mail scanner following the link changes nothing.
			mvc.perform(get("/api/subscriptions/unsubscribe").param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("CONFIRMED"));
			mvc.perform(post("/api/subscriptions/unsubscribe").param("token", token)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UNSUBSCRIBED"));
			assertThat(runToTheEnd(Frequency.DAILY).sent()).isEqualTo(1);
			// Subscribing again needs a new confirmation.
			subscribe("digest@example.com").andExpect(status().isAccepted());
			MimeMessage again = awaitMail(3);
			assertThat(again.getSubject()).isEqualTo("请确认订阅 AccessPath AI 资讯");
			mvc.perform(get("/api/subscriptions/preferences").param("token", token)).andExpect(status().isNotFound());
		}

		@Test
		void preferencesCanBeReadAndChanged() throws Exception {
			subscribeAndConfirm("prefs@example.com");
			digests.run(Frequency.DAILY, Integer.MAX_VALUE);
			String token = awaitMail(2).getHeader("List-Unsubscribe")[0].replaceFirst("^<.*token=", "")
				.replace(">", "");
			mvc.perform(put("/api/subscriptions/preferences").param("token", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"topics\": [\"cases\"], \"frequency\": \"weekly\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.topics[0]").value("cases"))
				.andExpect(jsonPath("$.frequency").value("weekly"));
			mvc.perform(put("/api/subscriptions/preferences").param("token", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"topics\": [\"nope\"]}")).andExpect(status().isBadRequest());
		}

		@Test
		void aRunWhoseReplicaDiedIsTakenOverOnceItsLeaseRunsOutAndMailsEveryoneOnce() throws Exception {
			for (int i = 0; i < 5; i++) {
				subscribeAndConfirm("r" + i + "@example.com");
			}
			// The replica queuing the run dies after two subscribers (its lease stays).
			DigestRun stopped = digests.run(Frequency.DAILY, 2);
			assertThat(stopped.queued()).isEqualTo(2);
			assertThat(stopped.status()).isEqualTo(DigestRun.Status.RUNNING);
			// Another replica's look: the lease still holds, so it leaves the run alone.
			digests.resumeAbandoned();
			assertThat(digests.find(stopped.id()).orElseThrow().queued()).isEqualTo(2);
			// An editor starting it again joins the same run, which is held too.
			assertThat(digests.run(Frequency.DAILY, Integer.MAX_VALUE).queued()).isEqualTo(2);
			// (The two queued are sent first: leaping the clock past the queuing lease
			// also
			// ends the lease of a mail being sent, which a second sender would then
			// take.)
			await().atMost(Duration.ofSeconds(10)).until(outbox::idle);
			clock.advance(properties.digestQueueLease().plusSeconds(1));
			digests.resumeAbandoned();
			DigestRun done = awaitDone(stopped.id());
			assertThat(done.queued()).isEqualTo(5);
			assertThat(done.sent()).isEqualTo(5);
			assertThat(digestsPerAddress()).hasSize(5).allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
			// Once done, nothing is resumed or sent again.
			clock.advance(properties.digestQueueLease().plusSeconds(1));
			digests.resumeAbandoned();
			assertThat(runToTheEnd(Frequency.DAILY).sent()).isEqualTo(5);
			assertThat(digestsPerAddress()).allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
		}

		@Test
		void candidatesAreWalkedInIdOrderThroughOneIndex() {
			// A database from before, with the index that left the order to memory.
			mongo.indexOps("subscribers")
				.createIndex(new Index().on("status", Sort.Direction.ASC)
					.on("frequency", Sort.Direction.ASC)
					.named("status_frequency"));
			subscriberRepository.afterPropertiesSet();
			// Status and frequency, then _id: the index serves the filter and the
			// order, so each batch starts where the last one ended.
			IndexInfo index = mongo.indexOps("subscribers")
				.getIndexInfo()
				.stream()
				.filter(info -> info.getName().equals("status_frequency_id"))
				.findFirst()
				.orElseThrow();
			assertThat(index.getIndexFields()).extracting(field -> field.getKey())
				.containsExactly("status", "frequency", "_id");
			assertThat(mongo.indexOps("subscribers").getIndexInfo())
				.noneMatch(info -> info.getName().equals("status_frequency"));
		}

		@Test
		void twoRunnersAtOnceSendNoOneTwice() throws Exception {
			for (int i = 0; i < 12; i++) {
				subscribeAndConfirm("c" + i + "@example.com");
			}
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<?>> runs = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					runs.add(pool.submit(() -> digests.run(Frequency.DAILY, Integer.MAX_VALUE)));
				}
				for (Future<?> run : runs) {
					run.get();
				}
			}
			finally {
				pool.shutdown();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> digestsPerAddress().size() == 12);
			assertThat(digestsPerAddress()).allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
		}

		@Test
		void editorStartsADigestAndWatchesItsProgress() throws Exception {
			subscribeAndConfirm("manual@example.com");
			String auth = "Bearer " + LocalTokens.local().issue("EDITOR");
			String id = JsonPath.read(mvc
				.perform(post("/api/admin/newsletter/digests").header(HttpHeaders.AUTHORIZATION, auth)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"frequency\": \"daily\"}"))
				.andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.id");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> mvc
					.perform(get("/api/admin/newsletter/digests/" + id).header(HttpHeaders.AUTHORIZATION, auth))
					.andExpect(jsonPath("$.status").value("DONE"))
					.andExpect(jsonPath("$.sent").value(1)));
			mvc.perform(post("/api/admin/newsletter/digests")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("SALES"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"frequency\": \"daily\"}")).andExpect(status().isForbidden());
			mvc.perform(get("/api/admin/newsletter/digests/nope").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isNotFound());
		}

		@Test
		void aReaderWhoChoseOtherTopicsWhileQueuedGetsTheDigestOfTheirNewChoice() throws Exception {
			subscribeAndConfirm("changed@example.com");
			worker.stop();
			DigestRun run;
			try {
				run = digests.run(Frequency.DAILY, Integer.MAX_VALUE);
				assertThat(run.queued()).isEqualTo(1);
				// Between being queued and sent, the reader picks other topics.
				mongo.updateFirst(Query.query(Criteria.where("email").is("changed@example.com")),
						new Update().set("topics", List.of("Agent")), "subscribers");
			}
			finally {
				worker.start();
			}
			assertThat(awaitDone(run.id()).sent()).isEqualTo(1);
			assertThat(digestTo("changed@example.com")).isNotNull();
			assertThat(mongo.findAll(Document.class, "digestContents")).extracting(doc -> doc.getString("_id"))
				.contains(run.id() + "|Agent");
		}

		@Test
		void aRunWhoseCountersMissedAMailIsEndedByCountingItsMails() throws Exception {
			subscribeAndConfirm("count1@example.com");
			subscribeAndConfirm("count2@example.com");
			DigestRun done = runToTheEnd(Frequency.DAILY);
			// A replica killed between settling a mail and counting it (found by the kill
			// drill): the run would stay RUNNING, one short, for ever.
			mongo.updateFirst(Query.query(Criteria.where("_id").is(done.id())),
					new Update().inc("sent", -1L).set("status", "RUNNING").unset("finishedAt"), "digestRuns");
			digests.resumeAbandoned();
			DigestRun ended = digests.find(done.id()).orElseThrow();
			assertThat(ended.status()).isEqualTo(DigestRun.Status.DONE);
			assertThat(ended.queued()).isEqualTo(2);
			assertThat(ended.sent()).isEqualTo(2);
			assertThat(ended.finishedAt()).isNotNull();
		}

		@Test
		void clicksAndUnsubscribesAreCountedPerDigestAndLinkWithoutNamingTheReader() throws Exception {
			subscribeAndConfirm("clicks1@example.com");
			subscribeAndConfirm("clicks2@example.com");
			DigestRun run = runToTheEnd(Frequency.DAILY);
			MimeMessage first = digestTo("clicks1@example.com");
			MimeMessage second = digestTo("clicks2@example.com");
			UriComponents link = trackedLinks(first).get(0);
			// The link names the run and its target, never the reader.
			assertThat(link.getQueryParams().keySet()).containsExactlyInAnyOrder("run", "url", "sig");
			assertThat(trackedLinks(second)).contains(link);
			String target = URLDecoder.decode(link.getQueryParams().getFirst("url"), StandardCharsets.UTF_8);
			assertThat(target).isEqualTo("http://localhost:8080/articles/openai-nato");
			for (int i = 0; i < 2; i++) {
				mvc.perform(get(URI.create(link.toUriString())))
					.andExpect(status().isFound())
					.andExpect(header().string(HttpHeaders.LOCATION, target));
			}
			String signature = link.getQueryParams().getFirst("sig");
			// The signature of one link opens no other: no redirect elsewhere, nothing
			// counted.
			mvc.perform(get("/api/subscriptions/links").param("run", run.id())
				.param("url", "https://evil.example/phish")
				.param("sig", signature))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(get("/api/subscriptions/links").param("run", run.id())
				.param("url", "javascript:alert(1)")
				.param("sig", signature)).andExpect(status().isBadRequest());
			mvc.perform(get("/api/subscriptions/links")).andExpect(status().isBadRequest());
			// A damaged link to this site still leads there, uncounted.
			mvc.perform(get("/api/subscriptions/links").param("run", run.id())
				.param("url", "http://localhost:8080/articles/anthropic-350b")
				.param("sig", "damaged"))
				.andExpect(status().isFound())
				.andExpect(header().string(HttpHeaders.LOCATION, "http://localhost:8080/articles/anthropic-350b"));
			// One reader unsubscribes with this digest's link (twice: counted once).
			String token = second.getHeader("List-Unsubscribe")[0].replaceFirst("^<.*token=", "").replace(">", "");
			for (int i = 0; i < 2; i++) {
				mvc.perform(post("/api/subscriptions/unsubscribe").param("token", token)).andExpect(status().isOk());
			}
			String auth = "Bearer " + LocalTokens.local().issue("EDITOR");
			mvc.perform(get("/api/admin/newsletter/digests/" + run.id()).header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.queued").value(2))
				.andExpect(jsonPath("$.sent").value(2))
				.andExpect(jsonPath("$.clicks").value(2))
				.andExpect(jsonPath("$.links[0].url").value(target))
				.andExpect(jsonPath("$.links[0].clicks").value(2))
				.andExpect(jsonPath("$.links.length()").value(1))
				.andExpect(jsonPath("$.unsubscribed").value(1));
			mvc.perform(get("/api/admin/newsletter/digests").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].id").value(run.id()))
				.andExpect(jsonPath("$[0].clicks").value(2));
			// Stored per run and link: no address, no subscriber id.
			assertThat(mongo.findAll(Document.class, "digestClicks")).singleElement()
				.satisfies(clicks -> assertThat(clicks.keySet()).containsExactlyInAnyOrder("_id", "runId", "url",
						"clicks"));
		}

		MimeMessage digestTo(String address) {
			await().atMost(Duration.ofSeconds(10)).until(() -> digestsPerAddress().containsKey(address));
			for (MimeMessage message : smtp.getReceivedMessages()) {
				try {
					if (subject(message).contains("精选") && message.getAllRecipients()[0].toString().equals(address)) {
						return message;
					}
				}
				catch (MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}
			throw new IllegalStateException("No digest to " + address);
		}

		List<UriComponents> trackedLinks(MimeMessage message) {
			Matcher links = Pattern.compile("http://localhost:8080/api/subscriptions/links\\?[^\\s\"<>]+")
				.matcher(textOf(message).replace("&amp;", "&"));
			List<UriComponents> found = new ArrayList<>();
			while (links.find()) {
				found.add(UriComponentsBuilder.fromUriString(links.group()).build());
			}
			return found;
		}

		Map<String, Integer> digestsPerAddress() {
			Map<String, Integer> counts = new HashMap<>();
			for (MimeMessage message : smtp.getReceivedMessages()) {
				if (subject(message).contains("精选")) {
					try {
						counts.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
					}
					catch (MessagingException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
			return counts;
		}

	}

	@Nested
	class TopicsAndStates {

		@Test
		void categoriesOfTheTreeAreReadByCategoryAndEveryOtherTopicByTag() throws Exception {
			subscribe("split@example.com", "[\"made-up-group\", \"大模型\"]").andExpect(status().isAccepted());
			String token = link(awaitMail(1), "/subscriptions/confirm");
			mvc.perform(get("/api/subscriptions/confirm").param("token", token)).andExpect(status().isOk());
			site.articleQueries.clear();
			assertThat(runToTheEnd(Frequency.DAILY).sent()).isEqualTo(1);
			assertThat(site.articleQueries).anyMatch(query -> query.contains("category=made-up-group"))
				.anyMatch(query -> query.contains("tag=大模型"))
				.noneMatch(query -> query.contains("tag=made-up-group") || query.contains("category=大模型"));
		}

		@Test
		void runAndSubscriberStatesAreStoredAsTheirNames() throws Exception {
			subscribeAndConfirm("states@example.com");
			DigestRun run = runToTheEnd(Frequency.DAILY);
			assertThat(run.status()).isEqualTo(DigestRun.Status.DONE);
			assertThat(mongo.findAll(Document.class, "digestRuns").get(0).getString("status")).isEqualTo("DONE");
			Document digestStates = mongo.findAll(Document.class, "subscribers").get(0).get("digests", Document.class);
			assertThat(digestStates.getString(run.id())).isEqualTo("SENT");
		}

	}

}
