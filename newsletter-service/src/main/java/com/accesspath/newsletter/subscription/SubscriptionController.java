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

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.subscription.SubscriptionService.Preferences;

@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionController {

	record SubscribeRequest(@NotBlank @Email(message = "must be a valid email address") @Size(max = 254) String email,
			@Size(max = 20) List<@NotBlank @Size(max = 30) String> topics, Frequency frequency,
			@NotNull @AssertTrue(message = "must be true: the privacy policy has to be accepted") Boolean consent) {
	}

	record PreferencesChange(@Size(max = 20) List<@NotBlank @Size(max = 30) String> topics, Frequency frequency) {
	}

	record UnsubscribePreview(String email, SubscriptionStatus status, String action) {
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
	@PostMapping
	ResponseEntity<Map<String, String>> subscribe(@Valid @RequestBody SubscribeRequest request,
			HttpServletRequest http) {
		this.subscriptions.subscribe(request.email(), request.topics(), request.frequency(),
				new Subscriber.Consent(this.clock.instant(), http.getRemoteAddr(),
						http.getHeader(HttpHeaders.USER_AGENT), this.properties.privacyTextVersion()));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ACCEPTED);
	}

	@RequestMapping(path = "/confirm", method = { RequestMethod.GET, RequestMethod.POST })
	Preferences confirm(@RequestParam(required = false) String token) {
		return this.subscriptions.confirm(required(token)).orElseThrow(SubscriptionController::unknownToken);
	}

	/**
	 * RFC 8058 one-click: only this POST acts (its {@code List-Unsubscribe=One-Click}
	 * form body is accepted).
	 */
	@PostMapping("/unsubscribe")
	Preferences unsubscribe(@RequestParam(required = false) String token) {
		return this.subscriptions.unsubscribe(required(token)).orElseThrow(SubscriptionController::unknownToken);
	}

	/**
	 * What the POST would do, changing nothing: mail scanners that follow links
	 * unsubscribe no one.
	 */
	@GetMapping("/unsubscribe")
	UnsubscribePreview previewUnsubscribe(@RequestParam(required = false) String token) {
		Preferences preferences = this.subscriptions.preferences(required(token))
			.orElseThrow(SubscriptionController::unknownToken);
		return new UnsubscribePreview(preferences.email(), preferences.status(),
				"POST to this address to stop all newsletters to " + preferences.email());
	}

	@GetMapping("/preferences")
	Preferences preferences(@RequestParam(required = false) String token) {
		return this.subscriptions.preferences(required(token)).orElseThrow(SubscriptionController::unknownToken);
	}

	@PutMapping("/preferences")
	Preferences changePreferences(@RequestParam(required = false) String token,
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
