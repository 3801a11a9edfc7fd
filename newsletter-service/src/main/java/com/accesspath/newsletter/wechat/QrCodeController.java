package com.accesspath.newsletter.wechat;

import java.time.Duration;

import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "微信公众号", description = "公众号扫码关注二维码、微信内分享所需的 JS-SDK 配置,以及供微信服务器调用的回调。")
class QrCodeController {

	@Schema(description = "扫码关注二维码")
	record QrCode(@Schema(description = "二维码图片地址",
			example = "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw%3D%3D") String url,
			@Schema(description = "剩余有效秒数", example = "2588400") long expiresIn) {
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

	@Operation(operationId = "getWeChatQrCode", summary = "获取扫码关注二维码",
			description = "带场景值的临时二维码,关注后可知用户从哪里扫码;同一场景在过期前返回同一个二维码。微信不可用时返回 503。")
	@GetMapping("/api/wechat/qrcode")
	QrCode qrCode(@Parameter(description = "场景值:1-64 个字母、数字、_ 或 -", example = "article-sidebar") @RequestParam(
			defaultValue = "site") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String scene) {
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
