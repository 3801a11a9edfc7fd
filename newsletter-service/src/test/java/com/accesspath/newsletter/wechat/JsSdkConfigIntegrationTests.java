package com.accesspath.newsletter.wechat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import com.accesspath.newsletter.NewsletterIntegrationTestSupport;
import com.accesspath.newsletter.NewsletterKeys;
import com.accesspath.newsletter.NewsletterServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** GET /api/wechat/jssdk-config against real Redis, WeChat as a stub. */
class JsSdkConfigIntegrationTests extends NewsletterIntegrationTestSupport {

	static final String PAGE = SITE_URL + "/articles/ai-agent?from=timeline";

	@Autowired
	Environment environment;

	@BeforeEach
	@AfterEach
	void wechatAnswers() {
		wechatApi.jsapiTicketError = null;
		wechatApi.jsapiTicketCalls.set(0);
	}

	MvcResult config(String url) throws Exception {
		return mvc.perform(get("/api/wechat/jssdk-config").param("url", url))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
			.andExpect(jsonPath("$.appId").value("wx-test-app"))
			.andReturn();
	}

	static void assertSigned(MvcResult result, String ticket, String signedUrl) throws Exception {
		String body = result.getResponse().getContentAsString();
		String nonce = JsonPath.read(body, "$.nonceStr");
		long timestamp = ((Number) JsonPath.read(body, "$.timestamp")).longValue();
		assertThat(nonce).matches("[A-Za-z0-9]{16}");
		assertThat((String) JsonPath.read(body, "$.signature"))
			.isEqualTo(JsSdkSignature.of(ticket, nonce, timestamp, signedUrl));
	}

	@Test
	void signsThePageWithTheTicketAndItsTimestamp() throws Exception {
		MvcResult result = config(PAGE);
		assertSigned(result, "jsapi-ticket-1", PAGE);
		assertThat(((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.timestamp")).longValue())
			.isEqualTo(clock.instant().getEpochSecond());
		assertThat(redis.getExpire(NewsletterKeys.wechatJsapiTicket("wx-test-app")))
			.isBetween(7200 - JsapiTickets.MARGIN.toSeconds() - 60, 7200 - JsapiTickets.MARGIN.toSeconds());
	}

	@Test
	void theFragmentIsNotSigned() throws Exception {
		assertSigned(config(PAGE + "#comments"), "jsapi-ticket-1", PAGE);
	}

	@Test
	void twentyConcurrentRequestsOnAnEmptyRedisFetchTheTicketOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<MvcResult>> results = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return mvc.perform(get("/api/wechat/jssdk-config").param("url", PAGE)).andReturn();
				}));
			}
			start.countDown();
			for (Future<MvcResult> result : results) {
				MvcResult answer = result.get(30, TimeUnit.SECONDS);
				assertThat(answer.getResponse().getStatus()).isEqualTo(200);
				assertSigned(answer, "jsapi-ticket-1", PAGE);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(wechatApi.jsapiTicketCalls).hasValue(1);
	}

	@Test
	void anotherReplicaReusesTheTicket() throws Exception {
		config(PAGE);
		assertThat(wechatApi.jsapiTicketCalls).hasValue(1);
		// Command-line arguments: they win over application.yml, as the test's own
		// properties do.
		List<String> same = new ArrayList<>();
		for (String name : List.of("spring.mongodb.uri", "spring.mongodb.database", "spring.data.redis.url",
				"spring.mail.host", "spring.mail.port", "spring.http.serviceclient.article-service.base-url",
				"spring.http.serviceclient.ranking-service.base-url", "accesspath.wechat.token",
				"accesspath.wechat.app-id", "accesspath.wechat.app-secret", "accesspath.wechat.api-base-url",
				"accesspath.wechat.site-url")) {
			same.add("--" + name + "=" + this.environment.getProperty(name));
		}
		same.add("--server.port=0");
		try (ConfigurableApplicationContext replica = new SpringApplicationBuilder(NewsletterServiceApplication.class)
			.profiles("test")
			.run(same.toArray(String[]::new))) {
			assertThat(replica.getBean(JsapiTickets.class).current()).isEqualTo("jsapi-ticket-1");
		}
		assertThat(wechatApi.jsapiTicketCalls).hasValue(1);
	}

	@Test
	void anErrorFromWeChatIsA503WithRetryAfterAndIsNotAskedAgainAtOnce() throws Exception {
		wechatApi.jsapiTicketError = "{\"errcode\":40164,\"errmsg\":\"invalid ip, not in whitelist\"}";
		for (int i = 0; i < 3; i++) {
			mvc.perform(get("/api/wechat/jssdk-config").param("url", PAGE))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER))
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
		assertThat(wechatApi.jsapiTicketCalls).hasValue(1);
		assertThat(redis.hasKey(NewsletterKeys.wechatJsapiTicket("wx-test-app"))).isFalse();
	}

	@Test
	void pagesOutsideTheSiteAndAMissingUrlAre400() throws Exception {
		for (String url : List.of("https://www.accesspath.cn.evil.com/articles/x", "https://evil.com/",
				"https://www.accesspath.cn@evil.com/", "/articles/x", "javascript:alert(1)")) {
			mvc.perform(get("/api/wechat/jssdk-config").param("url", url))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("url"));
		}
		mvc.perform(get("/api/wechat/jssdk-config"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		assertThat(wechatApi.jsapiTicketCalls).hasValue(0);
	}

}
