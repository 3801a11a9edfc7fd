package com.accesspath.newsletter.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.config.impl.WxMpRedisConfigImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.newsletter.NewsletterKeys;

/**
 * The official account's callback. Every request must carry a valid signature with a
 * fresh timestamp, used once; XML with a DOCTYPE (external entities) is refused before
 * parsing. A message WeChat retries is handled once across replicas (Redis), and the
 * passive reply goes out at once (its content is prepared in the background).
 */
@RestController
@RequestMapping("/api/wechat/callback")
@Tag(name = "微信公众号", description = "公众号扫码关注二维码、微信内分享所需的 JS-SDK 配置,以及供微信服务器调用的回调。")
class WeChatCallbackController {

	private static final Logger log = LoggerFactory.getLogger(WeChatCallbackController.class);

	private static final Pattern DOCTYPE = Pattern.compile("<!\\s*(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);

	static final Duration MESSAGE_MEMORY = Duration.ofMinutes(2);

	private final WeChatProperties properties;

	private final WxMpRedisConfigImpl config;

	private final StringRedisTemplate redis;

	private final FollowerRepository followers;

	private final WelcomeArticles welcome;

	private final Clock clock;

	WeChatCallbackController(WeChatProperties properties, WxMpRedisConfigImpl config, StringRedisTemplate redis,
			FollowerRepository followers, WelcomeArticles welcome, Clock clock) {
		this.properties = properties;
		this.config = config;
		this.redis = redis;
		this.followers = followers;
		this.welcome = welcome;
		this.clock = clock;
	}

	/** WeChat's URL check: echo {@code echostr} when the signature holds. */
	@Operation(operationId = "verifyWeChatCallback", summary = "微信服务器验证回调地址",
			description = "由微信服务器调用,客户端不用:签名正确且时间戳新鲜时原样返回 echostr(text/plain),否则 403。")
	@GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
	String verify(@Parameter(description = "微信签名:token、timestamp、nonce 字典序排序后拼接的 SHA-1(十六进制)",
			example = "f4d90daf4b3bca3078ab155816175ba34c443a7b") @RequestParam(required = false) String signature,
			@Parameter(description = "时间戳(秒)") @RequestParam(required = false) String timestamp,
			@Parameter(description = "随机数") @RequestParam(required = false) String nonce,
			@Parameter(description = "要原样返回的随机字符串",
					example = "a7Kp2xQ9") @RequestParam(required = false) String echostr) {
		if (echostr == null || echostr.length() > 200) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "echostr is required.");
		}
		requireValidSignature(signature, timestamp, nonce);
		return echostr;
	}

	@Operation(operationId = "receiveWeChatMessage", summary = "接收微信消息与事件",
			description = "由微信服务器推送,客户端不用:处理关注(subscribe)、取消关注(unsubscribe)、扫码(SCAN)事件和文本消息,"
					+ "返回被动回复的 XML 或 success;微信重试的同一条消息只处理一次。签名错误、时间戳过期或签名重放返回 403。",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "微信推送的 XML 消息",
					content = @Content(mediaType = MediaType.TEXT_XML_VALUE, schema = @Schema(type = "string",
							example = "<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName>"
									+ "<CreateTime>1772611200</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>"))))
	@PostMapping(produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<String> receive(@Parameter(description = "微信签名:token、timestamp、nonce 字典序排序后拼接的 SHA-1(十六进制)",
			example = "f4d90daf4b3bca3078ab155816175ba34c443a7b") @RequestParam(required = false) String signature,
			@Parameter(description = "时间戳(秒)") @RequestParam(required = false) String timestamp,
			@Parameter(description = "随机数") @RequestParam(required = false) String nonce,
			@Parameter(description = "安全模式下为 aes", example = "aes") @RequestParam(name = "encrypt_type",
					required = false) String encryptType,
			@Parameter(description = "安全模式下的消息签名", example = "d2c0a9f5e1b84c3a7f6e5d4c3b2a190817263544") @RequestParam(
					name = "msg_signature", required = false) String msgSignature,
			@RequestBody(required = false) String xml) {
		requireValidSignature(signature, timestamp, nonce);
		if (xml == null || xml.isBlank() || DOCTYPE.matcher(xml).find()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The message is missing or not acceptable XML.");
		}
		boolean encrypted = "aes".equalsIgnoreCase(encryptType);
		if (encrypted != this.properties.safeMode()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The message's encryption does not match the account's mode.");
		}
		// Only now, with a valid signature, is the signature remembered: a replay of it
		// is refused.
		if (!Boolean.TRUE.equals(this.redis.opsForValue()
			.setIfAbsent(NewsletterKeys.wechatSignature(signature, timestamp, nonce), "1",
					this.properties.timestampTolerance()))) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This signature was used already.");
		}
		WxMpXmlMessage message;
		try {
			message = encrypted ? WxMpXmlMessage.fromEncryptedXml(xml, this.config, timestamp, nonce, msgSignature)
					: WxMpXmlMessage.fromXml(xml);
		}
		catch (RuntimeException ex) {
			log.warn("Unreadable WeChat message: {}", ex.getMessage());
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The message is not readable.");
		}
		if (message.getFromUser() == null || message.getMsgType() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The message misses its sender or type.");
		}
		if (!Boolean.TRUE.equals(this.redis.opsForValue()
			.setIfAbsent(NewsletterKeys.wechatMessage(messageKey(message)), "1", MESSAGE_MEMORY))) {
			// WeChat retried a message we handled: acknowledge, do nothing again.
			return ResponseEntity.ok("success");
		}
		String reply = handle(message);
		if (reply == null) {
			return ResponseEntity.ok("success");
		}
		WxMpXmlOutMessage out = WxMpXmlOutMessage.TEXT()
			.content(reply)
			.fromUser(message.getToUser())
			.toUser(message.getFromUser())
			.build();
		return ResponseEntity.ok(encrypted ? out.toEncryptedXml(this.config) : out.toXml());
	}

	private String handle(WxMpXmlMessage message) {
		Instant now = this.clock.instant();
		String type = message.getMsgType();
		if ("event".equals(type)) {
			String event = String.valueOf(message.getEvent()).toLowerCase(Locale.ROOT);
			switch (event) {
				case "subscribe" -> {
					String key = message.getEventKey();
					String scene = (key != null && key.startsWith("qrscene_")) ? key.substring("qrscene_".length())
							: null;
					this.followers.followed(message.getFromUser(), scene, now);
					return this.welcome.text("欢迎关注 AccessPath AI 资讯!每天为您精选 AI 行业动态、研究报告与企业落地案例。");
				}
				case "unsubscribe" -> {
					this.followers.unfollowed(message.getFromUser(), now);
					return null;
				}
				case "scan" -> {
					this.followers.scanned(message.getFromUser(), message.getEventKey());
					return this.welcome.text("欢迎回来!");
				}
				default -> {
					return null;
				}
			}
		}
		if ("text".equals(type)) {
			return this.welcome.text("感谢留言,我们会尽快回复。");
		}
		return null;
	}

	/**
	 * WeChat retries carry the same MsgId (messages) or sender + time + event (events).
	 */
	private static String messageKey(WxMpXmlMessage message) {
		if (message.getMsgId() != null) {
			return "id:" + message.getMsgId();
		}
		return "ev:" + message.getFromUser() + ":" + message.getCreateTime() + ":" + message.getEvent();
	}

	private void requireValidSignature(String signature, String timestamp, String nonce) {
		if (!this.properties.configured()) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The WeChat account is not configured.");
		}
		if (signature == null || timestamp == null || nonce == null || !timestamp.matches("\\d{1,12}")
				|| nonce.length() > 64) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "signature, timestamp and nonce are required.");
		}
		Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
		Instant now = this.clock.instant();
		if (sent.isBefore(now.minus(this.properties.timestampTolerance()))
				|| sent.isAfter(now.plus(this.properties.timestampTolerance()))) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The timestamp is too far from now.");
		}
		if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
				signatureOf(this.properties.token(), timestamp, nonce).getBytes(StandardCharsets.UTF_8))) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The signature does not match.");
		}
	}

	/**
	 * API.md: SHA-1 hex of the lexicographically sorted concatenation of token, timestamp
	 * and nonce.
	 */
	static String signatureOf(String token, String timestamp, String nonce) {
		String[] parts = { token, timestamp, nonce };
		Arrays.sort(parts);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1")
					.digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
