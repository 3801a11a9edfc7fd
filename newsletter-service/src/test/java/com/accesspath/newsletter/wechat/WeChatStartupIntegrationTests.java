package com.accesspath.newsletter.wechat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import com.accesspath.newsletter.NewsletterIntegrationTestSupport;
import com.accesspath.newsletter.NewsletterKeys;
import com.accesspath.newsletter.NewsletterServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas started for real, with the menu push and the follower sync on: WeChat down
 * never holds up or fails a start, and once it is back the menu is pushed once.
 */
class WeChatStartupIntegrationTests extends NewsletterIntegrationTestSupport {

	@Autowired
	Environment environment;

	@Autowired
	FollowerRepository followers;

	@BeforeEach
	@AfterEach
	void wechatAnswers() {
		wechatApi.reset();
	}

	ConfigurableApplicationContext replica() {
		List<String> arguments = new ArrayList<>();
		for (String name : List.of("spring.mongodb.uri", "spring.mongodb.database", "spring.data.redis.url",
				"spring.mail.host", "spring.mail.port", "spring.http.serviceclient.article-service.base-url",
				"spring.http.serviceclient.ranking-service.base-url", "accesspath.wechat.token",
				"accesspath.wechat.app-id", "accesspath.wechat.app-secret", "accesspath.wechat.api-base-url",
				"accesspath.wechat.site-url")) {
			arguments.add("--" + name + "=" + this.environment.getProperty(name));
		}
		arguments.add("--server.port=0");
		arguments.add("--accesspath.wechat.menu.enabled=true");
		arguments.add("--accesspath.wechat.menu.retry-every=200ms");
		arguments.add("--accesspath.wechat.follower-sync.enabled=true");
		SpringApplicationBuilder builder = new SpringApplicationBuilder(NewsletterServiceApplication.class)
			.profiles("test");
		// The test JVM's logging is set up already: two replicas starting at once would
		// each set it up again, racing (a ConcurrentModificationException in Logback).
		SpringApplication application = builder.application();
		application.setListeners(application.getListeners()
			.stream()
			.filter(listener -> !(listener instanceof LoggingApplicationListener))
			.toList());
		return builder.run(arguments.toArray(String[]::new));
	}

	@Test
	void replicasStartWhileWeChatIsDownAndPushTheMenuOnceWhenItIsBack() throws Exception {
		this.followers.followed("o-known", null, clock.instant());
		clock.advance(Duration.ofMinutes(1));
		wechatApi.down = true;
		CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture.supplyAsync(this::replica);
		CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(this::replica);
		try (ConfigurableApplicationContext one = first.join(); ConfigurableApplicationContext two = second.join()) {
			assertThat(one.isRunning()).isTrue();
			assertThat(two.isRunning()).isTrue();
			WeChatStartup startupOne = one.getBean(WeChatStartup.class);
			WeChatStartup startupTwo = two.getBean(WeChatStartup.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> startupOne.followerSync() != null && startupTwo.followerSync() != null);
			assertThat(List.of(startupOne.followerSync(), startupTwo.followerSync()))
				.containsAnyOf(FollowerSync.Outcome.INCOMPLETE)
				.doesNotContain(FollowerSync.Outcome.COMPLETE);
			assertThat(this.followers.countFollowing()).isOne();
			assertThat(redis.hasKey(NewsletterKeys.wechatFollowerSyncDone("wx-test-app"))).isFalse();
			assertThat(startupOne.menuSettled() || startupTwo.menuSettled()).isFalse();
			assertThat(redis.hasKey(NewsletterKeys.wechatMenuHash("wx-test-app"))).isFalse();

			wechatApi.down = false;
			await().atMost(Duration.ofSeconds(20)).until(() -> startupOne.menuSettled() && startupTwo.menuSettled());
			assertThat(wechatApi.menusCreated).hasSize(1);
			assertThat(redis.hasKey(NewsletterKeys.wechatMenuHash("wx-test-app"))).isTrue();
		}
	}

}
