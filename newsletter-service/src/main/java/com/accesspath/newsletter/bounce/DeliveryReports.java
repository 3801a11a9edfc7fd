package com.accesspath.newsletter.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

import com.accesspath.newsletter.bounce.Bounce.Kind;

/**
 * Reads what a returned message reports: a delivery status notification (RFC 3464,
 * {@code multipart/report; report-type=delivery-status}) or a spam complaint (ARF, RFC
 * 5965, {@code report-type=feedback-report}). Anything else (an out-of-office reply, a
 * free-text bounce) reports nothing.
 */
final class DeliveryReports {

	/** A report's reading: what happened, and the status and diagnostic given. */
	record Report(Kind kind, String detail) {
	}

	/** Enough of a status part for any real report; the rest is not read. */
	private static final int MAX_STATUS_BYTES = 64 * 1024;

	private DeliveryReports() {
	}

	static Optional<Report> read(Part message) throws MessagingException, IOException {
		if (!message.isMimeType("multipart/report") || !(message.getContent() instanceof Multipart parts)) {
			return Optional.empty();
		}
		String reportType = parameter(message.getContentType(), "report-type");
		if ("delivery-status".equals(reportType)) {
			Optional<BodyPart> status = part(parts, "message/delivery-status", "message/global-delivery-status");
			return status.isPresent() ? deliveryStatus(text(status.get())) : Optional.empty();
		}
		if ("feedback-report".equals(reportType)) {
			Optional<BodyPart> feedback = part(parts, "message/feedback-report");
			String type = feedback.isPresent() ? fields(text(feedback.get())).getOrDefault("feedback-type", "abuse")
					: "abuse";
			// "not-spam" is a recipient taking a complaint back, not one.
			return "not-spam".equalsIgnoreCase(type) ? Optional.empty()
					: Optional.of(new Report(Kind.COMPLAINT, "feedback-type " + type));
		}
		return Optional.empty();
	}

	/**
	 * The gravest of the per-recipient verdicts: a 5.x.x status is permanent, 4.x.x
	 * temporary; without a status, {@code Action: failed} is permanent and
	 * {@code delayed} temporary. A delivered or relayed mail reports nothing.
	 */
	static Optional<Report> deliveryStatus(String text) {
		List<Map<String, String>> blocks = blocks(text);
		Report gravest = null;
		// The first block is about the message, the others about one recipient each.
		for (Map<String, String> recipient : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
			String status = recipient.getOrDefault("status", "").strip();
			String action = recipient.getOrDefault("action", "").strip().toLowerCase(Locale.ROOT);
			Kind kind = null;
			if (status.startsWith("5.") || status.isEmpty() && action.equals("failed")) {
				kind = Kind.HARD_BOUNCE;
			}
			else if (status.startsWith("4.") || status.isEmpty() && action.equals("delayed")) {
				kind = Kind.SOFT_BOUNCE;
			}
			if (kind != null && (gravest == null || kind == Kind.HARD_BOUNCE)) {
				String diagnostic = recipient.getOrDefault("diagnostic-code", "");
				gravest = new Report(kind, (status + " " + diagnostic).strip());
			}
		}
		return Optional.ofNullable(gravest);
	}

	private static List<Map<String, String>> blocks(String text) {
		List<Map<String, String>> blocks = new ArrayList<>();
		for (String block : text.replace("\r\n", "\n").split("\n\\s*\n")) {
			if (!block.isBlank()) {
				blocks.add(fields(block));
			}
		}
		return blocks;
	}

	/** Header-style fields, names in lower case, folded lines unfolded. */
	private static Map<String, String> fields(String block) {
		Map<String, String> fields = new LinkedHashMap<>();
		String last = null;
		for (String line : block.replace("\r\n", "\n").split("\n")) {
			if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && last != null) {
				fields.put(last, fields.get(last) + " " + line.strip());
				continue;
			}
			int colon = line.indexOf(':');
			if (colon > 0) {
				last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
				fields.putIfAbsent(last, line.substring(colon + 1).strip());
			}
		}
		return fields;
	}

	private static Optional<BodyPart> part(Multipart parts, String... types) throws MessagingException {
		for (int i = 0; i < parts.getCount(); i++) {
			BodyPart part = parts.getBodyPart(i);
			for (String type : types) {
				if (part.isMimeType(type)) {
					return Optional.of(part);
				}
			}
		}
		return Optional.empty();
	}

	private static String text(Part part) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return new String(in.readNBytes(MAX_STATUS_BYTES), StandardCharsets.UTF_8);
		}
	}

	private static String parameter(String contentType, String name) {
		try {
			String value = new ContentType(contentType).getParameter(name);
			return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

}
