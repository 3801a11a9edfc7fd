package com.accesspath.newsletter.wechat;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

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
 * @param siteUrl the site's public address ({@code SITE_URL}): the JS-SDK signs only
 * pages under it
 * @param connectTimeout connecting to WeChat's API
 * @param readTimeout waiting for one answer of WeChat's API
 * @param ticketWait how long a request waits for another replica fetching the
 * jsapi_ticket before answering 503
 */
@Validated
@ConfigurationProperties("accesspath.wechat")
public record WeChatProperties(String token, String appId, String appSecret, String aesKey,
		@NotBlank @DefaultValue("https://api.weixin.qq.com") String apiBaseUrl,
		@NotNull @DurationMin(minutes = 2) @DurationMax(days = 30) @DefaultValue("30d") Duration qrCodeValidFor,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration timestampTolerance,
		@NotBlank @Pattern(regexp = "https?://[^/?#@\\s]+(/[^?#\\s]*)?",
				message = "must be an absolute http(s) URL without query or fragment") @DefaultValue("http://localhost:8080") String siteUrl,
		@NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) @DefaultValue("2s") Duration connectTimeout,
		@NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) @DefaultValue("4s") Duration readTimeout,
		@NotNull @DurationMin(millis = 50) @DurationMax(seconds = 30) @DefaultValue("3s") Duration ticketWait) {

	public boolean safeMode() {
		return this.aesKey != null && !this.aesKey.isBlank();
	}

	public boolean configured() {
		return this.token != null && !this.token.isBlank();
	}

	/** Whether WeChat's API can be called (an access token needs both). */
	public boolean apiConfigured() {
		return this.appId != null && !this.appId.isBlank() && this.appSecret != null && !this.appSecret.isBlank();
	}

}
