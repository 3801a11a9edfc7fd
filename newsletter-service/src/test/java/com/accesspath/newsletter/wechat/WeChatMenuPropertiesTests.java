package com.accesspath.newsletter.wechat;

import java.io.IOException;
import java.util.List;

import me.chanjar.weixin.common.bean.menu.WxMenu;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A menu WeChat would refuse fails the start, saying which button breaks which rule.
 */
class WeChatMenuPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ WeChatMenuProperties.class, FollowerSyncProperties.class })
	static class Properties {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	static final String[] VALID_GROUP = { "accesspath.wechat.menu.buttons[0].name=资讯",
			"accesspath.wechat.menu.buttons[0].sub-buttons[0].name=首页",
			"accesspath.wechat.menu.buttons[0].sub-buttons[0].type=view",
			"accesspath.wechat.menu.buttons[0].sub-buttons[0].url=/", "accesspath.wechat.menu.buttons[1].name=今日热榜",
			"accesspath.wechat.menu.buttons[1].type=click", "accesspath.wechat.menu.buttons[1].key=HOT_TODAY" };

	void assertRefused(String expected, String... properties) {
		this.runner.withPropertyValues(properties)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("WeChat would refuse this menu")
				.hasMessageContaining(expected));
	}

	@Test
	void applicationYmlsMenuIsValidAndOpensTheSitesPages() throws IOException {
		List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		ApplicationContextRunner withYml = this.runner
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(yml.get(0)));
		withYml.run((context) -> {
			assertThat(context).hasNotFailed();
			WeChatMenuProperties menu = context.getBean(WeChatMenuProperties.class);
			assertThat(menu.enabled()).isTrue();
			assertThat(menu.buttons()).extracting(WeChatMenuProperties.Button::name)
				.containsExactly("最新资讯", "企业 AI 诊断", "关于我们");
			WxMenu wx = MenuPublisher.toWxMenu(menu, "https://www.accesspath.cn/");
			assertThat(wx.getButtons().get(1).getUrl()).isEqualTo("https://www.accesspath.cn/diagnosis");
			assertThat(wx.getButtons().get(1).getType()).isEqualTo("view");
			assertThat(wx.getButtons().get(0).getType()).isNull();
			assertThat(wx.getButtons().get(0).getSubButtons()).hasSize(4)
				.allSatisfy((action) -> assertThat(action.getUrl()).startsWith("https://www.accesspath.cn/"));
			assertThat(context.getBean(FollowerSyncProperties.class).enabled()).isTrue();
		});
	}

	@Test
	void groupsAndClickActionsAreAccepted() {
		this.runner.withPropertyValues(VALID_GROUP).run((context) -> {
			assertThat(context).hasNotFailed();
			WxMenu wx = MenuPublisher.toWxMenu(context.getBean(WeChatMenuProperties.class), "https://a.cn");
			assertThat(wx.getButtons().get(0).getSubButtons().get(0).getUrl()).isEqualTo("https://a.cn/");
			assertThat(wx.getButtons().get(1).getKey()).isEqualTo("HOT_TODAY");
			assertThat(wx.getButtons().get(1).getUrl()).isNull();
		});
	}

	@Test
	void noButtonsIsRefusedUnlessThePushIsOff() {
		assertRefused("none configured", "accesspath.wechat.menu.enabled=true");
		this.runner.withPropertyValues("accesspath.wechat.menu.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void moreThanThreeButtonsOrFiveActionsInAGroupAreRefused() {
		assertRefused("4 buttons, at most 3", "accesspath.wechat.menu.buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].type=click", "accesspath.wechat.menu.buttons[0].key=a",
				"accesspath.wechat.menu.buttons[1].name=b", "accesspath.wechat.menu.buttons[1].type=click",
				"accesspath.wechat.menu.buttons[1].key=b", "accesspath.wechat.menu.buttons[2].name=c",
				"accesspath.wechat.menu.buttons[2].type=click", "accesspath.wechat.menu.buttons[2].key=c",
				"accesspath.wechat.menu.buttons[3].name=d", "accesspath.wechat.menu.buttons[3].type=click",
				"accesspath.wechat.menu.buttons[3].key=d");
		String[] six = new String[19];
		six[0] = "accesspath.wechat.menu.buttons[0].name=group";
		for (int i = 0; i < 6; i++) {
			String action = "accesspath.wechat.menu.buttons[0].sub-buttons[" + i + "].";
			six[1 + i * 3] = action + "name=a" + i;
			six[2 + i * 3] = action + "type=click";
			six[3 + i * 3] = action + "key=k" + i;
		}
		assertRefused("buttons[0].sub-buttons: 6 actions, at most 5", six);
	}

	@Test
	void namesLongerThanWeChatShowsAreRefusedInBytes() {
		// 企业人工智能诊断: 8 characters, 24 bytes in UTF-8; a button shows 16.
		assertRefused("buttons[0].name: '企业人工智能诊断' is 24 bytes (UTF-8), at most 16",
				"accesspath.wechat.menu.buttons[0].name=企业人工智能诊断", "accesspath.wechat.menu.buttons[0].type=view",
				"accesspath.wechat.menu.buttons[0].url=/diagnosis");
		assertRefused("buttons[0].sub-buttons[0].name: ", "accesspath.wechat.menu.buttons[0].name=组",
				"accesspath.wechat.menu.buttons[0].sub-buttons[0].name=" + "资".repeat(21),
				"accesspath.wechat.menu.buttons[0].sub-buttons[0].type=view",
				"accesspath.wechat.menu.buttons[0].sub-buttons[0].url=/");
		assertRefused("buttons[0].name: missing", "accesspath.wechat.menu.buttons[0].name= ",
				"accesspath.wechat.menu.buttons[0].type=view", "accesspath.wechat.menu.buttons[0].url=/");
		assertRefused("buttons[0].name: contains a control character",
				"accesspath.wechat.menu.buttons[0].name=a\u0007b", "accesspath.wechat.menu.buttons[0].type=view",
				"accesspath.wechat.menu.buttons[0].url=/");
	}

	@Test
	void aViewNeedsASiteOrWebUrlAndAClickAKey() {
		assertRefused("buttons[0].url: a view action needs a url", "accesspath.wechat.menu.buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].type=view");
		for (String url : List.of("javascript:alert(1)", "//evil.com/x", "articles", "https://a.cn/x y",
				"https://user@evil.com/", "ftp://a.cn/")) {
			assertRefused("is neither an absolute http(s) URL nor a path of the site",
					"accesspath.wechat.menu.buttons[0].name=a", "accesspath.wechat.menu.buttons[0].type=view",
					"accesspath.wechat.menu.buttons[0].url=" + url);
		}
		assertRefused("buttons[0].url: 1025 bytes, at most 1024", "accesspath.wechat.menu.buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].type=view",
				"accesspath.wechat.menu.buttons[0].url=/" + "a".repeat(1024));
		assertRefused("buttons[0].key: a click action needs a key", "accesspath.wechat.menu.buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].type=click");
		assertRefused("buttons[0].key: 129 bytes, at most 128", "accesspath.wechat.menu.buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].type=click",
				"accesspath.wechat.menu.buttons[0].key=" + "k".repeat(129));
		assertRefused("buttons[0].url: a click action sends its key and takes no url",
				"accesspath.wechat.menu.buttons[0].name=a", "accesspath.wechat.menu.buttons[0].type=click",
				"accesspath.wechat.menu.buttons[0].key=k", "accesspath.wechat.menu.buttons[0].url=/");
		assertRefused("buttons[0].type: missing", "accesspath.wechat.menu.buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].url=/");
	}

	@Test
	void aGroupHasANameOnlyAndAnUnknownTypeIsRefused() {
		assertRefused("buttons[0]: a button with sub-buttons has a name only",
				"accesspath.wechat.menu.buttons[0].name=组", "accesspath.wechat.menu.buttons[0].type=view",
				"accesspath.wechat.menu.buttons[0].url=/", "accesspath.wechat.menu.buttons[0].sub-buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].sub-buttons[0].type=view",
				"accesspath.wechat.menu.buttons[0].sub-buttons[0].url=/");
		this.runner
			.withPropertyValues("accesspath.wechat.menu.buttons[0].name=a",
					"accesspath.wechat.menu.buttons[0].type=scancode_push", "accesspath.wechat.menu.buttons[0].key=k")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("accesspath.wechat.menu.buttons[0].type"));
	}

	@Test
	void everyProblemIsNamedAtOnce() {
		assertRefused("buttons[1].key: a click action needs a key", "accesspath.wechat.menu.buttons[0].name=a",
				"accesspath.wechat.menu.buttons[0].type=view", "accesspath.wechat.menu.buttons[1].name=b",
				"accesspath.wechat.menu.buttons[1].type=click");
		this.runner
			.withPropertyValues("accesspath.wechat.menu.buttons[0].name=a",
					"accesspath.wechat.menu.buttons[0].type=view", "accesspath.wechat.menu.buttons[1].name=b",
					"accesspath.wechat.menu.buttons[1].type=click")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("buttons[0].url: a view action needs a url; buttons[1].key"));
	}

	@Test
	void aPathTooLongUnderTheSitesAddressIsRefused() {
		this.runner
			.withPropertyValues("accesspath.wechat.menu.buttons[0].name=a",
					"accesspath.wechat.menu.buttons[0].type=view",
					"accesspath.wechat.menu.buttons[0].url=/" + "a".repeat(1000))
			.run((context) -> {
				WeChatMenuProperties menu = context.getBean(WeChatMenuProperties.class);
				assertThatIllegalStateException()
					.isThrownBy(() -> MenuPublisher.toWxMenu(menu, "https://www.accesspath.cn/" + "b".repeat(100)))
					.withMessageContaining("at most 1024");
			});
	}

	@Test
	void aFollowerSyncMoreOftenThanAMinuteIsRefused() {
		this.runner.withPropertyValues(VALID_GROUP)
			.withPropertyValues("accesspath.wechat.follower-sync.min-interval=10s")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("minInterval"));
	}

}
