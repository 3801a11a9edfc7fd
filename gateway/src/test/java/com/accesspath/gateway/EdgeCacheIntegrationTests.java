package com.accesspath.gateway;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

import com.accesspath.devstack.LocalTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge cache through real HTTP: what is stored and for whom, coalescing, stale
 * answers while revalidating and while the service fails, and invalidation of every
 * replica through a real Redis.
 */
class EdgeCacheIntegrationTests extends GatewayTestSupport {

	static final String CHANNEL = "gateway:edge-cache:invalidate";

	@Autowired
	ReactiveRedisConnectionFactory redisConnections;

	static final Map<String, String> PUBLIC = Map.of("Cache-Control", "max-age=5, public", "ETag", "\"v1\"");

	static final String READ = "GET /api/articles/openai-nato";

	/**
	 * A first read, and the wait until its answer is stored (that happens just after the
	 * client has it).
	 */
	HttpResponse<String> fill(String path) throws Exception {
		long before = edgeCache.size();
		HttpResponse<String> response = send(request(path));
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> edgeCache.size() > before);
		return response;
	}

	double hits() {
		return meters.counter("gateway.edge.cache.requests", "result", "hit").count();
	}

	@Test
	void anonymousRepeatReadsReachTheServiceOncePerTtlEachWithItsOwnRequestId() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		double hitsBefore = hits();
		HttpResponse<String> first = fill("/api/articles/openai-nato");
		HttpResponse<String> second = send(request("/api/articles/openai-nato"));
		assertThat(article.calls(READ)).isEqualTo(1);
		assertThat(hits()).isEqualTo(hitsBefore + 1);
		for (HttpResponse<String> response : List.of(first, second)) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(ARTICLE);
			assertThat(response.headers().firstValue("ETag")).hasValue("\"v1\"");
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
			// The security chain's headers were written on the miss and are replayed on
			// the hit.
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).isPresent();
			assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
			assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
		}
		assertThat(first.headers().firstValue("X-Request-Id"))
			.isNotEqualTo(second.headers().firstValue("X-Request-Id"));
		assertThat(second.headers().firstValue("Age")).hasValue("0");
		// The service's own Cache-Control with the copy's Age: a browser counts the age
		// once, not twice.
		assertThat(second.headers().firstValue("Cache-Control")).hasValue("max-age=5, public");
		// After the TTL the service is asked again.
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			assertThat(send(request("/api/articles/openai-nato")).statusCode()).isEqualTo(200);
			assertThat(article.calls(READ)).isEqualTo(2);
		});
	}

	@Test
	void headAndListReadsAreServedFromTheCacheByPathAndQuery() throws Exception {
		article.answer("GET /api/articles", 200, "{\"items\":[]}", PUBLIC);
		assertThat(fill("/api/articles?category=policy&limit=6").statusCode()).isEqualTo(200);
		assertThat(send(request("/api/articles?category=policy&limit=6")).body()).isEqualTo("{\"items\":[]}");
		assertThat(article.calls("GET /api/articles")).isEqualTo(1);
		assertThat(fill("/api/articles?category=tech&limit=6").statusCode()).isEqualTo(200);
		assertThat(article.calls("GET /api/articles")).isEqualTo(2);
		HttpResponse<String> head = send(
				request("/api/articles?category=tech&limit=6").method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("ETag")).hasValue("\"v1\"");
		assertThat(article.calls("GET /api/articles")).isEqualTo(2);
		assertThat(article.calls("HEAD /api/articles")).isZero();
	}

	@Test
	void requestsWithATokenAlwaysReachTheServiceAndAreNeverStored() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		String token = LocalTokens.local().issue("EDITOR");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = send(
					request("/api/articles/openai-nato").header("Authorization", "Bearer " + token));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Age")).isEmpty();
		}
		assertThat(article.calls(READ)).isEqualTo(2);
		assertThat(edgeCache.size()).isZero();
		// A stored anonymous answer is not given to a request with a token (or cookies)
		// either.
		fill("/api/articles/openai-nato");
		send(request("/api/articles/openai-nato").header("Authorization", "Bearer " + token));
		send(request("/api/articles/openai-nato").header("Cookie", "session=x"));
		assertThat(article.calls(READ)).isEqualTo(5);
	}

	@Test
	void errorsAndAnswersThatMayNotBeSharedAreNotStored() throws Exception {
		article.answer("GET /api/articles/gone", 404, "{\"status\":404}", PUBLIC);
		article.answer("GET /api/articles/secret", 200, ARTICLE, Map.of("Cache-Control", "no-store"));
		article.answer("GET /api/articles/mine", 200, ARTICLE, Map.of("Cache-Control", "private, max-age=60"));
		article.answer("GET /api/articles/plain", 200, ARTICLE);
		article.answer("GET /api/articles/cookie", 200, ARTICLE,
				Map.of("Cache-Control", "max-age=5, public", "Set-Cookie", "tracking=1"));
		for (String slug : List.of("gone", "secret", "mine", "plain", "cookie")) {
			send(request("/api/articles/" + slug));
			send(request("/api/articles/" + slug));
			assertThat(article.calls("GET /api/articles/" + slug)).as(slug).isEqualTo(2);
		}
		assertThat(edgeCache.size()).isZero();
	}

	@Test
	void ifNoneMatchIsAnswered304FromTheCache() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		fill("/api/articles/openai-nato");
		HttpResponse<String> notModified = send(
				request("/api/articles/openai-nato").header("If-None-Match", "W/\"v1\""));
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(notModified.headers().firstValue("ETag")).hasValue("\"v1\"");
		assertThat(notModified.headers().firstValue("X-Request-Id")).isPresent();
		HttpResponse<String> changed = send(request("/api/articles/openai-nato").header("If-None-Match", "\"v0\""));
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.body()).isEqualTo(ARTICLE);
		assertThat(article.calls(READ)).isEqualTo(1);
	}

	@Test
	void adminPathsAreNeverCached() throws Exception {
		article.answer("GET /api/admin/articles", 200, "{\"items\":[]}", PUBLIC);
		assertThat(send(request("/api/admin/articles")).statusCode()).isEqualTo(401);
		assertThat(send(request("/api/admin/articles")).statusCode()).isEqualTo(401);
		String token = LocalTokens.local().issue("EDITOR");
		send(request("/api/admin/articles").header("Authorization", "Bearer " + token));
		send(request("/api/admin/articles").header("Authorization", "Bearer " + token));
		assertThat(article.calls("GET /api/admin/articles")).isEqualTo(2);
		assertThat(edgeCache.size()).isZero();
	}

	@Test
	void anArticleWriteThroughTheGatewayEmptiesTheCache() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		article.answer("PUT /api/admin/articles/6b08db539bd873ae116c8e13", 200, ARTICLE);
		fill("/api/articles/openai-nato");
		send(request("/api/admin/articles/6b08db539bd873ae116c8e13")
			.header("Authorization", "Bearer " + LocalTokens.local().issue("EDITOR"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(edgeCache.size()).isZero();
	}

	@Test
	void theSitesSettingsAndPagesAreServedFromTheCacheUntilASiteWrite() throws Exception {
		article.answer("GET /api/site", 200, "{\"name\":\"前途科技\"}", PUBLIC);
		article.answer("GET /api/site/pages/about", 200, "{\"slug\":\"about\"}", PUBLIC);
		article.answer("PUT /api/admin/site/pages/about", 200, "{\"slug\":\"about\"}");
		fill("/api/site");
		fill("/api/site/pages/about");
		assertThat(send(request("/api/site")).body()).isEqualTo("{\"name\":\"前途科技\"}");
		assertThat(send(request("/api/site/pages/about")).body()).isEqualTo("{\"slug\":\"about\"}");
		assertThat(article.calls("GET /api/site")).isEqualTo(1);
		assertThat(article.calls("GET /api/site/pages/about")).isEqualTo(1);
		send(request("/api/admin/site/pages/about")
			.header("Authorization", "Bearer " + LocalTokens.local().issue("ADMIN"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(article.calls("PUT /api/admin/site/pages/about")).isEqualTo(1);
		assertThat(edgeCache.size()).isZero();
	}

	@Test
	void theSitesPagesAreKeptAsHtmlAndLeaveCompressedToClientsThatAcceptIt() throws Exception {
		String page = "<!doctype html><html lang=\"zh-CN\"><title>关于 · 前途科技</title><main>"
				+ "前途科技帮助企业找到自己的 AI 路径。".repeat(200) + "</main></html>";
		site.answer("GET /about", 200, page,
				Map.of("Content-Type", "text/html;charset=UTF-8", "Cache-Control", "public, max-age=30"));
		fill("/about");
		for (int i = 0; i < 2; i++) {
			HttpResponse<byte[]> gzipped = this.http.send(request("/about").header("Accept-Encoding", "gzip").build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(gzipped.statusCode()).isEqualTo(200);
			assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
			assertThat(gzipped.body().length).isLessThan(page.getBytes(StandardCharsets.UTF_8).length / 5);
			try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(page);
			}
		}
		HttpResponse<String> plain = send(request("/about"));
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(plain.body()).isEqualTo(page);
		assertThat(plain.headers().allValues("Vary")).as("shared caches keep gzip and identity apart")
			.anySatisfy(vary -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
		assertThat(site.calls("GET /about")).isEqualTo(1);
	}

	@Test
	void theSitesErrorPagesReachTheReaderAsTheSiteWroteThem() throws Exception {
		String notFound = "<!doctype html><html lang=\"zh-CN\"><title>页面不存在</title></html>";
		site.answer("GET /articles/nope", 404, notFound,
				Map.of("Content-Type", "text/html;charset=UTF-8", "Cache-Control", "no-store"));
		site.answer("GET /category/news", 503, "<html>稍后再试</html>",
				Map.of("Content-Type", "text/html;charset=UTF-8", "Retry-After", "5"));
		HttpResponse<String> missing = send(request("/articles/nope?utm_source=x"));
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(missing.body()).isEqualTo(notFound);
		HttpResponse<String> unavailable = send(request("/category/news"));
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.body()).isEqualTo("<html>稍后再试</html>");
		assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
		// The API's errors stay problem+json on the same path through the gateway.
		article.answer("GET /api/articles/nope", 404, "<html>Tomcat</html>", Map.of("Content-Type", "text/html"));
		HttpResponse<String> api = send(request("/api/articles/nope"));
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aSiteReportPageIsNeverKept() throws Exception {
		site.answer("GET /diagnosis/report/r1", 200, "<html>report</html>",
				Map.of("Content-Type", "text/html", "Cache-Control", "private, no-store"));
		send(request("/diagnosis/report/r1?token=t"));
		send(request("/diagnosis/report/r1?token=t"));
		assertThat(site.calls("GET /diagnosis/report/r1")).isEqualTo(2);
	}

	@Test
	void crossOriginReadsGoThroughCorsAndTheService() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		fill("/api/articles/openai-nato");
		HttpResponse<String> cors = send(
				request("/api/articles/openai-nato").header("Origin", "https://www.accesspath.cn"));
		assertThat(cors.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.accesspath.cn");
		assertThat(article.calls(READ)).isEqualTo(2);
	}

	double count(String result) {
		return this.meters.counter("gateway.edge.cache.requests", "result", result).count();
	}

	/**
	 * After the TTL (500 ms here) an answer is no longer fresh, but still kept for the
	 * stale windows.
	 */
	void waitPastTheTtl() throws InterruptedException {
		Thread.sleep(700);
	}

	@Test
	void aClientThatPrefersYamlIsNeitherAnsweredFromNorStoredInTheCache() throws Exception {
		article.answer("GET /api/articles", 200, "items: []",
				Map.of("Cache-Control", "max-age=5, public", "Content-Type", "application/yaml"));
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> yaml = send(request("/api/articles?tag=x").header("Accept", "application/yaml"));
			assertThat(yaml.body()).isEqualTo("items: []");
		}
		assertThat(article.calls("GET /api/articles")).isEqualTo(2);
		assertThat(this.edgeCache.size()).isZero();
		// A service that answers YAML to a JSON client is not stored either: JSON is all
		// a JSON key may hold.
		send(request("/api/articles?tag=x").header("Accept", "application/json"));
		send(request("/api/articles?tag=x"));
		assertThat(article.calls("GET /api/articles")).isEqualTo(4);
		assertThat(this.edgeCache.size()).isZero();
	}

	@Test
	void aStoredJsonAnswerIsGivenOnlyToClientsThatPreferJson() throws Exception {
		article.answer("GET /api/articles", 200, "{\"items\":[]}", PUBLIC);
		fill("/api/articles?tag=x");
		assertThat(send(request("/api/articles?tag=x").header("Accept", "application/json")).body())
			.isEqualTo("{\"items\":[]}");
		assertThat(send(request("/api/articles?tag=x").header("Accept", "*/*")).body()).isEqualTo("{\"items\":[]}");
		assertThat(article.calls("GET /api/articles")).isEqualTo(1);
		send(request("/api/articles?tag=x").header("Accept", "application/yaml, application/json;q=0.5"));
		send(request("/api/articles?tag=x").header("Accept", "text/html"));
		send(request("/api/articles?tag=x").header("Accept", "not a media type"));
		assertThat(article.calls("GET /api/articles")).isEqualTo(4);
	}

	@Test
	void concurrentMissesOfOneKeyReachTheServiceOnce() throws Exception {
		article.answerSlowly(READ, 200, ARTICLE, PUBLIC, 400);
		double coalescedBefore = count("coalesced");
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			responses
				.add(this.http.sendAsync(request("/api/articles/openai-nato").timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response.get().statusCode()).isEqualTo(200);
			assertThat(response.get().body()).isEqualTo(ARTICLE);
			assertThat(response.get().headers().allValues("X-Request-Id")).hasSize(1);
		}
		assertThat(article.calls(READ)).isEqualTo(1);
		assertThat(count("coalesced")).isGreaterThan(coalescedBefore);
	}

	@Test
	void anExpiredAnswerIsServedWhileOneRequestFetchesItsSuccessor() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		fill("/api/articles/openai-nato");
		waitPastTheTtl();
		String changed = ARTICLE.replace("OpenAI 与北约", "OpenAI 与北约(更新)");
		article.answerSlowly(READ, 200, changed, PUBLIC, 1500);
		CompletableFuture<HttpResponse<String>> refresher = this.http.sendAsync(
				request("/api/articles/openai-nato").timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(2)).until(() -> article.calls(READ) == 2);
		for (int i = 0; i < 5; i++) {
			long started = System.nanoTime();
			HttpResponse<String> stale = send(request("/api/articles/openai-nato"));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
			assertThat(stale.statusCode()).isEqualTo(200);
			assertThat(stale.body()).isEqualTo(ARTICLE);
			// The service's max-age, and the copy's true age: a browser counts it once.
			assertThat(stale.headers().firstValue("Cache-Control")).hasValue("max-age=5, public");
			assertThat(stale.headers().firstValue("Age")).isPresent();
		}
		assertThat(refresher.get().body()).isEqualTo(changed);
		assertThat(article.calls(READ)).isEqualTo(2);
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(send(request("/api/articles/openai-nato")).body()).isEqualTo(changed));
		assertThat(article.calls(READ)).isEqualTo(2);
	}

	@Test
	void aFailingServiceIsCoveredByTheLastAnswerWithItsAge() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		fill("/api/articles/openai-nato");
		waitPastTheTtl();
		Thread.sleep(600);
		article.answer(READ, 503, "{\"status\":503}");
		double before = count("stale-on-error");
		HttpResponse<String> stale = send(request("/api/articles/openai-nato"));
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).isEqualTo(ARTICLE);
		assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(stale.headers().firstValue("Retry-After")).isEmpty();
		assertThat(Long.parseLong(stale.headers().firstValue("Age").orElseThrow())).isGreaterThanOrEqualTo(1);
		assertThat(count("stale-on-error")).isEqualTo(before + 1);
		// Never for a key that was not stored: its failure is the service's own answer.
		HttpResponse<String> unknown = send(request("/api/articles/never-read"));
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	@Test
	void aStoppedServiceLeavesRecentlyReadArticlesServed() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		fill("/api/articles/openai-nato");
		article.stop();
		try {
			waitPastTheTtl();
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> stale = send(request("/api/articles/openai-nato"));
				assertThat(stale.statusCode()).isEqualTo(200);
				assertThat(stale.body()).isEqualTo(ARTICLE);
				assertThat(stale.headers().firstValue("Age")).isPresent();
			}
			HttpResponse<String> unread = send(request("/api/articles/unread"));
			assertThat(unread.statusCode()).isEqualTo(503);
			assertThat(unread.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		}
		finally {
			article.restart();
		}
	}

	@Test
	void anInvalidationFromAnotherReplicaEmptiesThisOne() throws Exception {
		article.answer(READ, 200, ARTICLE, PUBLIC);
		fill("/api/articles/openai-nato");
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
			this.redis.convertAndSend(CHANNEL, "another-replica").block();
			return this.edgeCache.size() == 0;
		});
		send(request("/api/articles/openai-nato"));
		assertThat(article.calls(READ)).isEqualTo(2);
	}

	@Test
	void anArticleWriteTellsTheOtherReplicas() throws Exception {
		article.answer("POST /api/admin/articles/6b08db539bd873ae116c8e13/publish", 200, ARTICLE);
		ReactiveRedisMessageListenerContainer listener = new ReactiveRedisMessageListenerContainer(
				this.redisConnections);
		List<String> received = new CopyOnWriteArrayList<>();
		Disposable subscription = listener.receive(ChannelTopic.of(CHANNEL))
			.subscribe(message -> received.add(message.getMessage()));
		try {
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
				send(request("/api/admin/articles/6b08db539bd873ae116c8e13/publish")
					.header("Authorization", "Bearer " + LocalTokens.local().issue("EDITOR"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{}")));
				return !received.isEmpty();
			});
		}
		finally {
			subscription.dispose();
			listener.destroy();
		}
		// A refused write (the service said no) leaves the cache alone.
		article.answer(READ, 200, ARTICLE, PUBLIC);
		fill("/api/articles/openai-nato");
		article.answer("PUT /api/admin/articles/6b08db539bd873ae116c8e13", 412, "{\"status\":412}");
		send(request("/api/admin/articles/6b08db539bd873ae116c8e13")
			.header("Authorization", "Bearer " + LocalTokens.local().issue("EDITOR"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(this.edgeCache.size()).isEqualTo(1);
	}

	@Test
	void aConditionalMissFetchesTheWholeAnswerForThoseWaitingBehindIt() throws Exception {
		article.answerSlowly(READ, 200, ARTICLE, PUBLIC, 400);
		CompletableFuture<HttpResponse<String>> conditional = this.http
			.sendAsync(request("/api/articles/openai-nato").header("If-None-Match", "\"v1\"")
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(2)).until(() -> article.calls(READ) == 1);
		List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiting
				.add(this.http.sendAsync(request("/api/articles/openai-nato").timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString()));
		}
		assertThat(conditional.get().statusCode()).isEqualTo(304);
		assertThat(conditional.get().headers().firstValue("ETag")).hasValue("\"v1\"");
		for (CompletableFuture<HttpResponse<String>> response : waiting) {
			assertThat(response.get().statusCode()).isEqualTo(200);
			assertThat(response.get().body()).isEqualTo(ARTICLE);
		}
		assertThat(article.calls(READ)).isEqualTo(1);
		assertThat(article.lastHeaders(READ).containsKey("If-none-match")).isFalse();
	}

	@Test
	void aFailingMissIsAskedOnceForEveryoneWaiting() throws Exception {
		article.answerSlowly(READ, 503, "{\"status\":503}", Map.of("Retry-After", "5"), 400);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			responses
				.add(this.http.sendAsync(request("/api/articles/openai-nato").timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response.get().statusCode()).isEqualTo(503);
			assertThat(response.get().headers().firstValue("Retry-After")).hasValue("5");
		}
		assertThat(article.calls(READ)).isEqualTo(1);
		assertThat(this.edgeCache.size()).isZero();
	}

	@Test
	void noAnswerFetchedBeforeAWriteReachesARequestMadeAfterIt() throws Exception {
		article.answerSlowly(READ, 200, ARTICLE, PUBLIC, 800);
		CompletableFuture<HttpResponse<String>> before = this.http.sendAsync(
				request("/api/articles/openai-nato").timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(2)).until(() -> article.calls(READ) == 1);
		String changed = ARTICLE.replace("OpenAI 与北约", "OpenAI 与北约(已改)");
		article.answer(READ, 200, changed, PUBLIC);
		article.answer("PUT /api/admin/articles/6b08db539bd873ae116c8e13", 200, changed);
		send(request("/api/admin/articles/6b08db539bd873ae116c8e13")
			.header("Authorization", "Bearer " + LocalTokens.local().issue("EDITOR"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(send(request("/api/articles/openai-nato")).body()).isEqualTo(changed);
		assertThat(before.get().body()).isEqualTo(ARTICLE);
		// The slow, older answer was not stored over the new one.
		assertThat(send(request("/api/articles/openai-nato")).body()).isEqualTo(changed);
	}

	@Test
	void anAnswerThatMustBeRevalidatedIsNeverServedStale() throws Exception {
		article.answer(READ, 200, ARTICLE,
				Map.of("Cache-Control", "max-age=5, public, must-revalidate", "ETag", "\"v1\""));
		fill("/api/articles/openai-nato");
		waitPastTheTtl();
		article.answer(READ, 503, "{\"status\":503}");
		assertThat(send(request("/api/articles/openai-nato")).statusCode()).isEqualTo(503);
	}

	@Test
	void aHeadMissIsNotStored() throws Exception {
		article.answer("HEAD /api/articles/openai-nato", 200, "", PUBLIC);
		HttpResponse<String> head = send(
				request("/api/articles/openai-nato").method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(this.edgeCache.size()).isZero();
		assertThat(article.calls(READ)).isZero();
	}

}
