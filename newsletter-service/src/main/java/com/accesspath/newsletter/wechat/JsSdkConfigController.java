package com.accesspath.newsletter.wechat;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.boot.problem.InvalidInputException;

/**
 * {@code wx.config} for a page of the site, so shares from inside WeChat show a card
 * (title, summary, image) rather than a bare link. Never cached: the signature holds a
 * fresh nonce and timestamp and is bound to the one page asked for.
 */
@RestController
class JsSdkConfigController {

	record JsSdkConfig(String appId, long timestamp, String nonceStr, String signature) {
	}

	private static final SecureRandom random = new SecureRandom();

	private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final JsapiTickets tickets;

	private final SignablePages pages;

	private final WeChatProperties properties;

	private final Clock clock;

	JsSdkConfigController(JsapiTickets tickets, WeChatProperties properties, Clock clock) {
		this.tickets = tickets;
		this.pages = new SignablePages(properties.siteUrl());
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/api/wechat/jssdk-config")
	ResponseEntity<JsSdkConfig> config(@RequestParam String url) {
		String page = this.pages.signable(url)
			.orElseThrow(() -> new InvalidInputException("url",
					"must be the absolute URL of a page under " + this.properties.siteUrl()));
		String ticket = this.tickets.current();
		long timestamp = this.clock.instant().getEpochSecond();
		String nonce = nonce();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new JsSdkConfig(this.properties.appId(), timestamp, nonce,
					JsSdkSignature.of(ticket, nonce, timestamp, page)));
	}

	private static String nonce() {
		StringBuilder nonce = new StringBuilder(16);
		for (int i = 0; i < 16; i++) {
			nonce.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
		}
		return nonce.toString();
	}

}
