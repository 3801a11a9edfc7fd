package com.accesspath.newsletter.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.newsletter.bounce.Bounce.Kind;

/**
 * Reads a provider's webhook body into bounces: SendGrid's event arrays, and Amazon SES
 * notifications, raw or in an SNS envelope. The whole body is read before anything is
 * applied, so a body with one bad event changes nothing (400). Events that are no bounce
 * or complaint (deliveries, opens, clicks) are counted as ignored.
 */
final class ProviderEvents {

	private static final Logger log = LoggerFactory.getLogger(ProviderEvents.class);

	static final String SENDGRID = "sendgrid";

	static final String SES = "ses";

	/** More than any provider batches into one request. */
	static final int MAX_EVENTS = 1000;

	/** Provider ids are short; longer strings are not theirs. */
	static final int MAX_ID_LENGTH = 200;

	static final int MAX_TEXT_LENGTH = 2000;

	private static final Pattern EMAIL = Pattern.compile("[^\\s\\p{Cntrl}@<>()\\[\\],;:\"\\\\]{1,64}"
			+ "@[^\\s\\p{Cntrl}@<>()\\[\\],;:\"\\\\]+\\.[^\\s\\p{Cntrl}@<>()\\[\\],;:\"\\\\]+");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/** The bounces to apply, and how many events were no bounce or complaint. */
	record Read(List<Bounce> bounces, int ignored) {
	}

	private final List<Bounce> bounces = new ArrayList<>();

	private int ignored;

	private ProviderEvents() {
	}

	static Read read(String body) {
		ProviderEvents events = new ProviderEvents();
		JsonNode root = tree(body, "body");
		if (root.isArray()) {
			events.sendGrid(root);
		}
		else if (root.isObject() && root.has("Type")) {
			events.sns(root);
		}
		else if (root.isObject() && (root.has("notificationType") || root.has("eventType"))) {
			events.ses(root, "body");
		}
		else {
			throw new InvalidInputException("body",
					"must be a SendGrid event array, an SES notification or an SNS notification");
		}
		return new Read(List.copyOf(events.bounces), events.ignored);
	}

	private void sendGrid(JsonNode events) {
		if (events.size() > MAX_EVENTS) {
			throw new InvalidInputException("body", "must hold at most " + MAX_EVENTS + " events");
		}
		for (int i = 0; i < events.size(); i++) {
			String field = "[" + i + "]";
			JsonNode event = object(events.get(i), field);
			String type = requiredText(event, "event", field);
			Kind kind = switch (type) {
				case "bounce" ->
					("blocked".equals(text(event, "type", field)) || text(event, "status", field).startsWith("4."))
							? Kind.SOFT_BOUNCE : Kind.HARD_BOUNCE;
				case "deferred" -> Kind.SOFT_BOUNCE;
				case "spamreport" -> Kind.COMPLAINT;
				case "dropped" -> droppedBecause(text(event, "reason", field));
				default -> null;
			};
			if (kind == null) {
				this.ignored++;
				continue;
			}
			String email = email(requiredText(event, "email", field), field + ".email");
			// One mail deferred five times is one mail: its message id, where given,
			// counts rather than each event's.
			String mailId = id(event, "sg_message_id", field);
			if (mailId.isEmpty()) {
				mailId = id(event, "sg_event_id", field);
			}
			if (mailId.isEmpty()) {
				throw new InvalidInputException(field + ".sg_event_id", "is required");
			}
			String detail = joined(text(event, "status", field), text(event, "reason", field),
					text(event, "response", field));
			this.bounces.add(new Bounce(email, kind, SENDGRID + ":" + mailId, SENDGRID, detail));
		}
	}

	/**
	 * SendGrid drops mail to addresses it knows bounced, are invalid or reported spam;
	 * other drops (size, headers) say nothing about the address.
	 */
	private static Kind droppedBecause(String reason) {
		String lower = reason.toLowerCase(Locale.ROOT);
		if (lower.contains("spam")) {
			return Kind.COMPLAINT;
		}
		return (lower.contains("bounce") || lower.contains("invalid")) ? Kind.HARD_BOUNCE : null;
	}

	private void sns(JsonNode envelope) {
		String type = requiredText(envelope, "Type", "body");
		switch (type) {
			case "Notification" -> this.ses(tree(requiredText(envelope, "Message", "body"), "Message"), "Message");
			case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> {
				// Confirming is the operator's step (the address is in the AWS console);
				// nothing to apply.
				log.info("SNS {} for topic {} received: confirm the subscription in AWS", type,
						text(envelope, "TopicArn", "body"));
				this.ignored++;
			}
			default -> throw new InvalidInputException("body.Type",
					"must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
		}
	}

	private void ses(JsonNode notification, String field) {
		object(notification, field);
		String type = notification.has("notificationType") ? requiredText(notification, "notificationType", field)
				: requiredText(notification, "eventType", field);
		JsonNode mail = notification.has("mail") ? object(notification.get("mail"), field + ".mail") : null;
		String messageId = (mail != null) ? id(mail, "messageId", field + ".mail") : "";
		switch (type) {
			case "Bounce" -> {
				JsonNode bounce = object(notification.get("bounce"), field + ".bounce");
				String bounceType = requiredText(bounce, "bounceType", field + ".bounce");
				Kind kind = "Permanent".equals(bounceType) ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE;
				recipients(bounce, "bouncedRecipients", kind, mailId(messageId, bounce, field + ".bounce"),
						field + ".bounce");
			}
			case "Complaint" -> {
				JsonNode complaint = object(notification.get("complaint"), field + ".complaint");
				recipients(complaint, "complainedRecipients", Kind.COMPLAINT,
						mailId(messageId, complaint, field + ".complaint"), field + ".complaint");
			}
			default -> this.ignored++;
		}
	}

	private static String mailId(String messageId, JsonNode report, String field) {
		String id = messageId.isEmpty() ? id(report, "feedbackId", field) : messageId;
		if (id.isEmpty()) {
			throw new InvalidInputException(field + ".feedbackId", "is required when mail.messageId is missing");
		}
		return SES + ":" + id;
	}

	private void recipients(JsonNode report, String name, Kind kind, String mailId, String field) {
		JsonNode recipients = report.get(name);
		if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
			throw new InvalidInputException(field + "." + name, "must be a non-empty array");
		}
		if (recipients.size() > MAX_EVENTS) {
			throw new InvalidInputException(field + "." + name, "must hold at most " + MAX_EVENTS + " recipients");
		}
		for (int i = 0; i < recipients.size(); i++) {
			String at = field + "." + name + "[" + i + "]";
			JsonNode recipient = object(recipients.get(i), at);
			String email = email(requiredText(recipient, "emailAddress", at), at + ".emailAddress");
			String detail = joined(text(recipient, "status", at), text(recipient, "diagnosticCode", at),
					text(report, "complaintFeedbackType", field));
			this.bounces.add(new Bounce(email, kind, mailId, SES, detail));
		}
	}

	private static String joined(String... parts) {
		return String.join(" ", parts).replaceAll(" {2,}", " ").strip();
	}

	private static JsonNode tree(String json, String field) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidInputException(field, "must be JSON");
		}
	}

	private static JsonNode object(JsonNode node, String field) {
		if (node == null || !node.isObject()) {
			throw new InvalidInputException(field, "must be an object");
		}
		return node;
	}

	private static String requiredText(JsonNode object, String name, String field) {
		String value = text(object, name, field);
		if (value.isBlank()) {
			throw new InvalidInputException(field + "." + name, "is required");
		}
		return value;
	}

	/** An optional string field: "" when absent or null, 400 when of another type. */
	private static String text(JsonNode object, String name, String field) {
		JsonNode value = object.get(name);
		if (value == null || value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			throw new InvalidInputException(field + "." + name, "must be a string");
		}
		String text = value.stringValue();
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new InvalidInputException(field + "." + name, "must be at most " + MAX_TEXT_LENGTH + " characters");
		}
		return text;
	}

	private static String id(JsonNode object, String name, String field) {
		String id = text(object, name, field);
		if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException(field + "." + name,
					"must be at most " + MAX_ID_LENGTH + " characters without control characters");
		}
		return id;
	}

	/** A plain address; SES may send {@code Name <address>}. */
	private static String email(String value, String field) {
		String address = value;
		int open = address.lastIndexOf('<');
		if (open >= 0 && address.endsWith(">")) {
			address = address.substring(open + 1, address.length() - 1);
		}
		if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
			throw new InvalidInputException(field, "must be an email address");
		}
		return address;
	}

}
