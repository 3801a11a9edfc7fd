package com.accesspath.newsletter.wechat;

import java.time.Duration;

import jakarta.validation.constraints.Pattern;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.newsletter.NewsletterKeys;

/**
 * "扫码关注": a temporary parametric QR code per scene, reused (from Redis) until shortly
 * before it expires.
 */
@RestController
class QrCodeController {

	record QrCode(String url, long expiresIn) {
	}

	static final Duration MARGIN = Duration.ofHours(1);

	private final WxMpService wechat;

	private final StringRedisTemplate redis;

	private final WeChatProperties properties;

	QrCodeController(WxMpService wechat, StringRedisTemplate redis, WeChatProperties properties) {
		this.wechat = wechat;
		this.redis = redis;
		this.properties = properties;
	}

	@GetMapping("/api/wechat/qrcode")
	QrCode qrCode(@RequestParam(defaultValue = "site") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String scene) {
		String key = NewsletterKeys.wechatQrCode(scene);
		String cached = this.redis.opsForValue().get(key);
		Long ttl = this.redis.getExpire(key);
		if (cached != null && ttl != null && ttl > 0) {
			return new QrCode(cached, ttl);
		}
		try {
			int seconds = (int) this.properties.qrCodeValidFor().toSeconds();
			WxMpQrCodeTicket ticket = this.wechat.getQrcodeService().qrCodeCreateTmpTicket(scene, seconds);
			String url = this.wechat.getQrcodeService().qrCodePictureUrl(ticket.getTicket());
			long usable = Math.max(60, ticket.getExpireSeconds() - MARGIN.toSeconds());
			this.redis.opsForValue().set(key, url, Duration.ofSeconds(usable));
			return new QrCode(url, usable);
		}
		catch (WxErrorException | RuntimeException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "WeChat is not reachable right now.", ex);
		}
	}

}
