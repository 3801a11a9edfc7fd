package com.accesspath.newsletter.subscription;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.subscription.SubscriptionService.Preferences;

@RestController
@RequestMapping("/api/subscriptions")
@Tag(name = "订阅", description = "AI 资讯邮件订阅:订阅(双重确认)、确认、退订和订阅偏好;公开接口,凭邮件链接中的 token 操作。")
class SubscriptionController {

	@Schema(description = "订阅请求;未知字段会被拒绝(400)")
	record SubscribeRequest(
			@Schema(description = "邮箱", example = "zhang.wei@example.com") @NotBlank @Email(
					message = "must be a valid email address") @Size(max = 254) String email,
			@Schema(description = "关注的主题:分类 key 或标签,最多 20 个;不传则接收全部", example = "[\"manufacturing\", \"大模型\"]") @Size(
					max = 20) List<@NotBlank @Size(max = 30) String> topics,
			@Schema(description = "发送频率,默认 weekly", example = "weekly") Frequency frequency,
			@Schema(description = "是否同意隐私政策,必须为 JSON 的 true", example = "true") @NotNull @AssertTrue(
					message = "must be true: the privacy policy has to be accepted") Boolean consent) {
	}

	@Schema(description = "订阅偏好的修改;不传的字段保持不变")
	record PreferencesChange(
			@Schema(description = "关注的主题:分类 key 或标签,最多 20 个", example = "[\"manufacturing\", \"大模型\"]") @Size(
					max = 20) List<@NotBlank @Size(max = 30) String> topics,
			@Schema(description = "发送频率", example = "daily") Frequency frequency) {
	}

	@Schema(description = "退订将执行的操作")
	record UnsubscribePreview(@Schema(description = "打码的邮箱", example = "z***@example.com") String email,
			SubscriptionStatus status, @Schema(description = "POST 将执行的操作",
					example = "POST to this address to stop all newsletters to z***@example.com") String action) {
	}

	static final Map<String, String> ACCEPTED = Map.of("status", "accepted", "message",
			"如果该地址可以接收邮件,我们已发送一封确认邮件,请查收并点击其中的链接完成订阅。");

	private final SubscriptionService subscriptions;

	private final NewsletterProperties properties;

	private final Clock clock;

	SubscriptionController(SubscriptionService subscriptions, NewsletterProperties properties, Clock clock) {
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.clock = clock;
	}

	/** Always the same 202, whether the address is new, pending or confirmed. */
	@Operation(operationId = "subscribeNewsletter", summary = "订阅邮件资讯",
			description = "无论地址是新的、待确认还是已订阅,都返回同样的 202;需要时发送确认邮件,点击其中的链接后订阅才生效(双重确认)。"
					+ "consent 必须为 true。按客户端限流,超出返回 429 和 Retry-After。")
	@ApiResponse(responseCode = "202", description = "已受理:返回 {status, message}")
	@PostMapping
	ResponseEntity<Map<String, String>> subscribe(@Valid @RequestBody SubscribeRequest request,
			HttpServletRequest http) {
		this.subscriptions.subscribe(request.email(), request.topics(), request.frequency(),
				new Subscriber.Consent(this.clock.instant(), http.getRemoteAddr(),
						http.getHeader(HttpHeaders.USER_AGENT), this.properties.privacyTextVersion()));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ACCEPTED);
	}

	@Operation(operationId = "confirmSubscription", summary = "确认订阅",
			description = "凭确认邮件中的 token 确认订阅,返回订阅偏好(邮箱已打码);token 未知或已过期返回 404。")
	@PostMapping("/confirm")
	Preferences confirm(@Parameter(description = "确认邮件中链接的 token",
			example = "Jq7tK2vX9mWb4RzL0sNc8YpE3uHa6GdF1oTi5BwQkZs") @RequestParam(required = false) String token) {
		return this.subscriptions.confirm(required(token)).orElseThrow(SubscriptionController::unknownToken);
	}

	/** The link in the confirmation email: the same as the POST. */
	@Operation(operationId = "confirmSubscriptionFromLink", summary = "从邮件链接确认订阅",
			description = "与 POST /api/subscriptions/confirm 相同,供直接打开确认邮件中的链接。")
	@GetMapping("/confirm")
	Preferences confirmFromLink(@Parameter(description = "确认邮件中链接的 token",
			example = "Jq7tK2vX9mWb4RzL0sNc8YpE3uHa6GdF1oTi5BwQkZs") @RequestParam(required = false) String token) {
		return confirm(token);
	}

	/**
	 * RFC 8058 one-click: only this POST acts (its {@code List-Unsubscribe=One-Click}
	 * form body is accepted).
	 */
	@Operation(operationId = "unsubscribeNewsletter", summary = "退订",
			description = "停止向该地址发送所有邮件,重复退订没有副作用;token 未知返回 404。支持 RFC 8058 一键退订:"
					+ "邮件客户端以表单请求体 List-Unsubscribe=One-Click POST 到邮件头中的地址。")
	@PostMapping("/unsubscribe")
	Preferences unsubscribe(@Parameter(description = "订阅邮件中管理链接的 token",
			example = "Jq7tK2vX9mWb4RzL0sNc8YpE3uHa6GdF1oTi5BwQkZs") @RequestParam(required = false) String token) {
		return this.subscriptions.unsubscribe(required(token)).orElseThrow(SubscriptionController::unknownToken);
	}

	/**
	 * What the POST would do, changing nothing: mail scanners that follow links
	 * unsubscribe no one.
	 */
	@Operation(operationId = "previewUnsubscribe", summary = "查看退订将执行的操作",
			description = "只说明 POST 将做什么,不做任何更改:邮件安全扫描器打开链接也不会退订。token 未知返回 404。")
	@GetMapping("/unsubscribe")
	UnsubscribePreview previewUnsubscribe(@Parameter(description = "订阅邮件中管理链接的 token",
			example = "Jq7tK2vX9mWb4RzL0sNc8YpE3uHa6GdF1oTi5BwQkZs") @RequestParam(required = false) String token) {
		Preferences preferences = this.subscriptions.preferences(required(token))
			.orElseThrow(SubscriptionController::unknownToken);
		return new UnsubscribePreview(preferences.email(), preferences.status(),
				"POST to this address to stop all newsletters to " + preferences.email());
	}

	@Operation(operationId = "getSubscriptionPreferences", summary = "查看订阅偏好", description = "邮箱已打码;token 未知返回 404。")
	@GetMapping("/preferences")
	Preferences preferences(@Parameter(description = "订阅邮件中管理链接的 token",
			example = "Jq7tK2vX9mWb4RzL0sNc8YpE3uHa6GdF1oTi5BwQkZs") @RequestParam(required = false) String token) {
		return this.subscriptions.preferences(required(token)).orElseThrow(SubscriptionController::unknownToken);
	}

	@Operation(operationId = "updateSubscriptionPreferences", summary = "修改订阅偏好",
			description = "修改关注的主题或发送频率,不传的字段保持不变;token 未知返回 404。")
	@PutMapping("/preferences")
	Preferences changePreferences(@Parameter(description = "订阅邮件中管理链接的 token",
			example = "Jq7tK2vX9mWb4RzL0sNc8YpE3uHa6GdF1oTi5BwQkZs") @RequestParam(required = false) String token,
			@Valid @RequestBody PreferencesChange change) {
		return this.subscriptions.changePreferences(required(token), change.topics(), change.frequency())
			.orElseThrow(SubscriptionController::unknownToken);
	}

	private static String required(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			throw unknownToken();
		}
		return token;
	}

	private static ResponseStatusException unknownToken() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "This link is unknown or has expired.");
	}

}
