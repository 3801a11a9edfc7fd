package com.accesspath.newsletter.wechat;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The official account (公众号). Without a {@code token} the account is unconfigured (its
 * endpoints answer 503); {@code aesKey} set means safe mode (encrypted messages).
 *
 * @param token the callback's signing token
 * @param appId the account's app id
 * @param appSecret the account's app secret
 * @param aesKey the message encryption key (safe mode)
 * @param apiBaseUrl WeChat's API host (a local stub in tests)
 * @param qrCodeValidFor how long a temporary "扫码关注" QR code works (WeChat allows up to 30
 * days)
 * @param timestampTolerance how far a callback's timestamp may be from now
 */
@Validated
@ConfigurationProperties("accesspath.wechat")
public record WeChatProperties(String token, String appId, String appSecret, String aesKey,
		@NotBlank @DefaultValue("https://api.weixin.qq.com") String apiBaseUrl,
		@NotNull @DurationMin(minutes = 2) @DurationMax(days = 30) @DefaultValue("30d") Duration qrCodeValidFor,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration timestampTolerance) {

	public boolean safeMode() {
		return this.aesKey != null && !this.aesKey.isBlank();
	}

	public boolean configured() {
		return this.token != null && !this.token.isBlank();
	}

}
