package com.accesspath.newsletter.wechat;

import java.time.Duration;
import java.util.List;

import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.accesspath.newsletter.NewsletterIntegrationTestSupport;
import com.accesspath.newsletter.NewsletterKeys;
import com.accesspath.newsletter.wechat.MenuPublisher.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The menu pushed to WeChat (a stub) once across replicas, and again only when changed.
 */
class WeChatMenuIntegrationTests extends NewsletterIntegrationTestSupport {

	static final String HASH = NewsletterKeys.wechatMenuHash("wx-test-app");

	@Autowired
	MenuPublisher publisher;

	@Autowired
	WxMpService wechat;

	@Autowired
	WeChatProperties properties;

	@Autowired
	WeChatMenuProperties menuProperties;

	@BeforeEach
	@AfterEach
	void wechatAnswers() {
		wechatApi.reset();
	}

	MenuPublisher replicaWith(WeChatMenuProperties.Button... buttons) {
		return new MenuPublisher(this.wechat, redis, this.properties,
				new WeChatMenuProperties(true, List.of(buttons), Duration.ofMinutes(5)));
	}

	static WeChatMenuProperties.Button view(String name, String url) {
		return new WeChatMenuProperties.Button(name, WeChatMenuProperties.ActionType.VIEW, url, null, null);
	}

	@Test
	void replicasStartingTogetherPushTheMenuOnce() throws Exception {
		List<Outcome> outcomes = AtOnce.run(3, this.publisher::publish);
		assertThat(outcomes).containsOnlyOnce(Outcome.PUSHED).doesNotContain(Outcome.FAILED);
		assertThat(wechatApi.menusCreated).hasSize(1);
		String pushed = wechatApi.menusCreated.get(0);
		assertThat(pushed).contains("\"button\"")
			.contains(SITE_URL + "/diagnosis")
			.contains("企业 AI 诊断")
			.contains("\"sub_button\"");
		assertThat(redis.opsForValue().get(HASH)).matches("[0-9a-f]{64}");
		assertThat(redis.keys(NewsletterKeys.wechatMenuLock("*"))).isEmpty();
	}

	@Test
	void anUnchangedMenuIsNotPushedAgain() {
		assertThat(this.publisher.publish()).isEqualTo(Outcome.PUSHED);
		assertThat(this.publisher.publish()).isEqualTo(Outcome.UNCHANGED);
		// A replica started later with the same YAML.
		assertThat(new MenuPublisher(this.wechat, redis, this.properties, this.menuProperties).publish())
			.isEqualTo(Outcome.UNCHANGED);
		assertThat(wechatApi.menuCalls).hasValue(1);
	}

	@Test
	void aChangedMenuIsPushedOnceAndItsHashReplacesTheOld() throws Exception {
		assertThat(this.publisher.publish()).isEqualTo(Outcome.PUSHED);
		String before = redis.opsForValue().get(HASH);
		MenuPublisher changed = replicaWith(view("最新资讯", "/"), view("热榜", "/insights"));
		List<Outcome> outcomes = AtOnce.run(2, changed::publish);
		assertThat(outcomes).containsOnlyOnce(Outcome.PUSHED);
		assertThat(wechatApi.menusCreated).hasSize(2);
		assertThat(wechatApi.menusCreated.get(1)).contains("热榜")
			.contains(SITE_URL + "/insights")
			.doesNotContain("企业 AI 诊断");
		assertThat(redis.opsForValue().get(HASH)).isNotEqualTo(before).matches("[0-9a-f]{64}");
		assertThat(changed.publish()).isEqualTo(Outcome.UNCHANGED);
		// Rolled back: the old menu differs from the one pushed last.
		assertThat(this.publisher.publish()).isEqualTo(Outcome.PUSHED);
		assertThat(redis.opsForValue().get(HASH)).isEqualTo(before);
		assertThat(wechatApi.menusCreated).hasSize(3);
	}

	@Test
	void whenWeChatRefusesOrIsDownNothingIsStoredAndTheNextTryPushes() {
		wechatApi.menuError = "{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}";
		assertThat(this.publisher.publish()).isEqualTo(Outcome.FAILED);
		wechatApi.menuError = "not json at all";
		assertThat(this.publisher.publish()).isEqualTo(Outcome.FAILED);
		assertThat(redis.hasKey(HASH)).isFalse();
		assertThat(redis.keys(NewsletterKeys.wechatMenuLock("*"))).as("the lock is released").isEmpty();
		wechatApi.down = true;
		assertThat(this.publisher.publish()).isEqualTo(Outcome.FAILED);
		wechatApi.down = false;
		wechatApi.menuError = null;
		assertThat(this.publisher.publish()).isEqualTo(Outcome.PUSHED);
		assertThat(redis.hasKey(HASH)).isTrue();
	}

}
