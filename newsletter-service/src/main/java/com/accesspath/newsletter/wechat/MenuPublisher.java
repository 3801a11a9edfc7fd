package com.accesspath.newsletter.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.NewsletterKeys;
import com.accesspath.newsletter.wechat.WeChatMenuProperties.Action;

/**
 * Pushes the configured menu to WeChat (menu/create) when it differs from the one last
 * pushed, whose SHA-256 is kept in Redis: N replicas starting together push it once (the
 * one holding the lock pushes, the others find the hash stored next time), and an
 * unchanged menu is not pushed again. A menu edited by hand in WeChat's console is not
 * noticed: the YAML wins only when it changes.
 */
@Component
class MenuPublisher {

	private static final Logger log = LoggerFactory.getLogger(MenuPublisher.class);

	/** What a push came to; {@code settled} ones need no retry from this replica. */
	enum Outcome {

		PUSHED(true), UNCHANGED(true), BUSY(false), FAILED(false);

		final boolean settled;

		Outcome(boolean settled) {
			this.settled = settled;
		}

	}

	private final WxMpService wechat;

	private final StringRedisTemplate redis;

	private final WeChatProperties properties;

	private final WxMenu menu;

	private final String hash;

	private final Duration lease;

	MenuPublisher(WxMpService wechat, StringRedisTemplate redis, WeChatProperties properties,
			WeChatMenuProperties menu) {
		this.wechat = wechat;
		this.redis = redis;
		this.properties = properties;
		this.menu = toWxMenu(menu, properties.siteUrl());
		this.hash = sha256(this.menu.toJson());
		// A token fetch and the push, each retried once, within the timeouts.
		this.lease = properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(4).plusSeconds(5);
	}

	/** The menu as WeChat receives it. */
	WxMenu menu() {
		return this.menu;
	}

	Outcome publish() {
		String appId = this.properties.appId();
		String hashKey = NewsletterKeys.wechatMenuHash(appId);
		if (this.hash.equals(this.redis.opsForValue().get(hashKey))) {
			return Outcome.UNCHANGED;
		}
		Optional<RedisLock> held = RedisLock.tryAcquire(this.redis, NewsletterKeys.wechatMenuLock(appId), this.lease);
		if (held.isEmpty()) {
			return Outcome.BUSY;
		}
		try (RedisLock pushing = held.get()) {
			// Another replica may have pushed it between our read and our lock.
			if (this.hash.equals(this.redis.opsForValue().get(hashKey))) {
				return Outcome.UNCHANGED;
			}
			this.wechat.getMenuService().menuCreate(this.menu);
			this.redis.opsForValue().set(hashKey, this.hash);
			log.info("Pushed the WeChat menu ({} buttons) to {}", this.menu.getButtons().size(), appId);
			return Outcome.PUSHED;
		}
		catch (WxErrorException | RuntimeException ex) {
			log.warn("Could not push the WeChat menu to {} (tried again later): {}", appId, ex.getMessage());
			return Outcome.FAILED;
		}
	}

	static WxMenu toWxMenu(WeChatMenuProperties properties, String siteUrl) {
		List<WxMenuButton> buttons = new ArrayList<>();
		for (WeChatMenuProperties.Button button : properties.buttons()) {
			if (button.subButtons().isEmpty()) {
				buttons.add(toWxButton(button, siteUrl));
				continue;
			}
			WxMenuButton group = new WxMenuButton();
			group.setName(button.name());
			List<WxMenuButton> actions = new ArrayList<>();
			for (WeChatMenuProperties.GroupedAction action : button.subButtons()) {
				actions.add(toWxButton(action, siteUrl));
			}
			group.setSubButtons(actions);
			buttons.add(group);
		}
		WxMenu menu = new WxMenu();
		menu.setButtons(buttons);
		return menu;
	}

	private static WxMenuButton toWxButton(Action action, String siteUrl) {
		WxMenuButton button = new WxMenuButton();
		button.setName(action.name());
		button.setType(action.type().name().toLowerCase(Locale.ROOT));
		if (action.type() == WeChatMenuProperties.ActionType.VIEW) {
			String url = action.url().startsWith("/") ? stripTrailingSlash(siteUrl) + action.url() : action.url();
			if (WeChatMenuProperties.bytes(url) > WeChatMenuProperties.MAX_URL_BYTES) {
				throw new IllegalStateException("WeChat would refuse the menu: the url of '" + action.name() + "' is "
						+ WeChatMenuProperties.bytes(url) + " bytes under accesspath.wechat.site-url, at most "
						+ WeChatMenuProperties.MAX_URL_BYTES + ".");
			}
			button.setUrl(url);
		}
		else {
			button.setKey(action.key());
		}
		return button;
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
