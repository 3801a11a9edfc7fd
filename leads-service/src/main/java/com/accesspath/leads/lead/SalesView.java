package com.accesspath.leads.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.accesspath.leads.diagnosis.Report;

/** What sales sees: a masked summary in lists, the whole lead on its own page. */
public final class SalesView {

	private SalesView() {
	}

	public record MaskedContact(String name, String title, String phone, String email, boolean wechat) {
	}

	public record LeadSummary(String id, LeadType type, LeadStatus status, Lead.Company company, MaskedContact contact,
			int score, String assignee, int submissions, Instant createdAt, Instant lastSubmittedAt) {

		static LeadSummary of(Lead lead) {
			ContactDetails contact = lead.contact();
			return new LeadSummary(lead.id(), lead.type(), lead.status(), lead.company(),
					new MaskedContact(contact.name(), contact.title(), maskPhone(contact.phone()),
							maskEmail(contact.email()), contact.wechat() != null && !contact.wechat().isBlank()),
					lead.score(), lead.assignee(), lead.submissions().size(), lead.createdAt(), lead.lastSubmittedAt());
		}

	}

	public record SubmissionView(String id, LeadType type, Instant at, String message, Lead.Consent consent,
			String questionnaireVersion, Map<String, Integer> answers, Report report) {
	}

	public record LeadDetail(String id, LeadType type, LeadStatus status, Lead.Company company, ContactDetails contact,
			int score, String assignee, List<SubmissionView> submissions, List<Lead.Note> notes,
			List<Lead.HistoryEntry> history, Instant createdAt, Instant updatedAt, long version, boolean erased) {
	}

	public record LeadPage(List<LeadSummary> items, String nextCursor) {
	}

	/** {@code 138****5678} */
	public static String maskPhone(String phone) {
		if (phone == null || phone.length() < 7) {
			return (phone == null) ? null : "****";
		}
		return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
	}

	/** {@code z***@example.com} */
	public static String maskEmail(String email) {
		if (email == null) {
			return null;
		}
		int at = email.indexOf('@');
		return (at <= 0) ? "***" : email.charAt(0) + "***" + email.substring(at);
	}

}
