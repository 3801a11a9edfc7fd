package com.accesspath.newsletter.bounce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.Problems;

/**
 * Mail providers report bounces and complaints here (SendGrid's event webhook, Amazon SES
 * through SNS). The path lies under {@code /api/subscriptions/**}, the gateway's public
 * newsletter route; the caller proves itself with the shared secret as a bearer token,
 * which Spring Security leaves to this controller ({@link BounceWebhookSecurity}).
 */
@RestController
@Tag(name = "退信与投诉", description = "邮件服务商(SendGrid、Amazon SES)回调:退信和垃圾邮件投诉,凭共享密钥调用。")
class BounceWebhookController {

	static final String PATH = "/api/subscriptions/bounces";

	private static final String BEARER = "Bearer ";

	@Schema(description = "回调处理结果")
	record WebhookResult(@Schema(description = "已处理的退信和投诉数", example = "2") int applied,
			@Schema(description = "新屏蔽的地址数", example = "1") int suppressed,
			@Schema(description = "忽略的事件数:送达、打开、点击等与退信无关的事件", example = "5") int ignored) {
	}

	private final BounceProperties properties;

	private final Suppressions suppressions;

	private final MeterRegistry meters;

	private final byte[] secretDigest;

	BounceWebhookController(BounceProperties properties, Suppressions suppressions, MeterRegistry meters) {
		this.properties = properties;
		this.suppressions = suppressions;
		this.meters = meters;
		this.secretDigest = sha256(properties.webhookSecret());
	}

	@Operation(operationId = "receiveBounceEvents", summary = "接收退信和投诉回调",
			description = "供邮件服务商调用,请求头 Authorization: Bearer <共享密钥>(NEWSLETTER_BOUNCE_WEBHOOK_SECRET);"
					+ "未配置密钥时返回 404,密钥不符返回 401。请求体可以是 SendGrid 事件数组"
					+ "(event 为 bounce、dropped、spamreport、deferred 时处理,其余忽略),也可以是 Amazon SES 通知"
					+ "(notificationType 为 Bounce 或 Complaint),或包在 SNS 信封 {Type: Notification, Message} 中的 SES 通知。"
					+ "硬退信和投诉立即屏蔽该地址,软退信在一段时间内累计达到不同邮件数上限后屏蔽;同一事件重复推送只计一次。" + "请求体任何一处无效都返回 400,且不做任何更改。")
	@ApiResponse(responseCode = "200", description = "已处理:返回 {applied, suppressed, ignored}")
	@PostMapping(PATH)
	ResponseEntity<?> receive(
			@Parameter(description = "Bearer 加共享密钥",
					example = "Bearer 9f2c7a1e4b6d8f0a3c5e7b9d1f2a4c6e") @RequestHeader(
							name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "SendGrid 事件数组或 SES/SNS 通知",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = { @ExampleObject(
							name = "SendGrid",
							value = "[{\"email\": \"zhang.wei@example.com\", \"event\": \"bounce\", "
									+ "\"type\": \"bounce\", \"status\": \"5.1.1\", "
									+ "\"sg_event_id\": \"ZGVsaXZlcmVkLTAtMjQ5NDgxMTUtSUVqUUJqZ3pSb3lQcVVURmpUbGhHQQ\"}]"),
							@ExampleObject(name = "Amazon SES",
									value = "{\"notificationType\": \"Bounce\", \"mail\": {\"messageId\": "
											+ "\"0100018c5f1e2b3a-4d5e6f70\"}, \"bounce\": {\"bounceType\": "
											+ "\"Permanent\", \"bouncedRecipients\": [{\"emailAddress\": "
											+ "\"zhang.wei@example.com\", \"status\": \"5.1.1\"}]}}") })) @RequestBody(
													required = false) String body,
			HttpServletRequest request) {
		if (!this.properties.webhookEnabled()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No bounce webhook is configured.");
		}
		if (!authorized(authorization)) {
			this.meters.counter("newsletter.bounces.webhook", "outcome", "unauthorized").increment();
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.UNAUTHORIZED, "The bounce webhook's secret is required.",
						request.getRequestURI()));
		}
		ProviderEvents.Read events;
		try {
			events = ProviderEvents.read((body != null) ? body : "");
		}
		catch (RuntimeException ex) {
			this.meters.counter("newsletter.bounces.webhook", "outcome", "invalid").increment();
			throw ex;
		}
		int suppressed = 0;
		for (Bounce bounce : events.bounces()) {
			if (this.suppressions.apply(bounce) == Suppressions.Outcome.SUPPRESSED) {
				suppressed++;
			}
		}
		this.meters.counter("newsletter.bounces.webhook", "outcome", "accepted").increment();
		return ResponseEntity.ok(new WebhookResult(events.bounces().size(), suppressed, events.ignored()));
	}

	/** Compares digests: as long whatever was sent, so the time taken tells nothing. */
	private boolean authorized(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return false;
		}
		return MessageDigest.isEqual(this.secretDigest, sha256(authorization.substring(BEARER.length())));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
