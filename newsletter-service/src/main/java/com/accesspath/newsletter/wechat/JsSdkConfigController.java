package com.accesspath.newsletter.wechat;

import java.security.SecureRandom;
import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "微信公众号", description = "公众号扫码关注二维码、微信内分享所需的 JS-SDK 配置,以及供微信服务器调用的回调。")
class JsSdkConfigController {

	@Schema(description = "wx.config 所需的参数")
	record JsSdkConfig(@Schema(description = "公众号 AppID", example = "wx1234567890abcdef") String appId,
			@Schema(description = "签名时间戳(秒)", example = "1772611200") long timestamp,
			@Schema(description = "签名随机串", example = "Wm3WZYTPz0wzccnW") String nonceStr,
			@Schema(description = "签名(SHA-1,十六进制)",
					example = "f4d90daf4b3bca3078ab155816175ba34c443a7b") String signature) {
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

	@Operation(operationId = "getWeChatJsSdkConfig", summary = "获取微信 JS-SDK 配置",
			description = "返回页面调用 wx.config 所需的 appId、timestamp、nonceStr 和 signature,用于在微信内分享时显示卡片。"
					+ "url 必须是本站页面的完整地址(# 及之后的部分不参与签名),否则 400;响应不可缓存。")
	@GetMapping("/api/wechat/jssdk-config")
	ResponseEntity<JsSdkConfig> config(@Parameter(description = "当前页面的完整 URL",
			example = "https://www.example.com/articles/llm-quality-inspection-in-manufacturing") @RequestParam String url) {
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
