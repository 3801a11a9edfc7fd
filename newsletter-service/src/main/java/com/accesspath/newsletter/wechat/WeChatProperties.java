package com.accesspath.newsletter.wechat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The official account (公众号). {@code aesKey} set means safe mode (encrypted messages).
 *
 * @param apiBaseUrl WeChat's API host (a local stub in tests)
 * @param qrCodeValidFor how long a temporary "扫码关注" QR code works (WeChat allows up to 30 days)
 */
@ConfigurationProperties("accesspath.wechat")
public record WeChatProperties(String token, String appId, String appSecret, String aesKey,
		@DefaultValue("https://api.weixin.qq.com") String apiBaseUrl, @DefaultValue("30d") Duration qrCodeValidFor,
		@DefaultValue("5m") Duration timestampTolerance) {

	public boolean safeMode() {
		return this.aesKey != null && !this.aesKey.isBlank();
	}

	public boolean configured() {
		return this.token != null && !this.token.isBlank();
	}

}
