package com.accesspath.leads.lead;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One prospect as sales sees them. Everything that changes together lives in this one
 * document (submissions, notes, history, the notification state), so every change is a
 * single-document atomic update: no transactions needed. {@code phone} and {@code email}
 * are normalised copies for finding a returning person.
 */
@Document(LeadRepository.COLLECTION)
public record Lead(@Id String id, LeadType type, LeadStatus status, Company company, ContactDetails contact,
		String phone, String email, int score, String assignee, List<Submission> submissions, List<Note> notes,
		List<HistoryEntry> history, Instant createdAt, Instant updatedAt, Instant lastSubmittedAt, long version,
		boolean erased, Notification notification) {

	public record Company(String name, String industry, String size, String region) {
	}

	/**
	 * One form a person sent: a diagnosis (its report lives in the {@code diagnoses}
	 * collection) or a contact message, with the consent given for it.
	 */
	public record Submission(String id, LeadType type, Instant at, String diagnosisId, Integer overall, Integer level,
			String message, Consent consent) {
	}

	/**
	 * PIPL: that consent was given, when, from where, to which version of the privacy
	 * text.
	 */
	public record Consent(boolean given, Instant at, String ip, String userAgent, String textVersion) {
	}

	public record Note(String id, String text, String author, Instant at) {
	}

	public record HistoryEntry(Instant at, String actor, String action, String detail) {
	}

	/**
	 * The WeCom message about this lead: PENDING until delivered (retried with backoff),
	 * then SENT, or FAILED.
	 */
	public record Notification(NotificationState state, int attempts, Instant nextAttemptAt, String lastError) {
	}

}
