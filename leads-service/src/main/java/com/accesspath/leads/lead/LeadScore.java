package com.accesspath.leads.lead;

import java.util.Map;

/**
 * A lead's score, 0–100: fit (company size up to 30, industry up to 20) plus intent (what
 * they asked for up to 30, how reachable they are up to 20). Companies at maturity levels
 * 2–3 score highest: they are ready to act and still need help.
 */
public final class LeadScore {

	private static final Map<String, Integer> SIZE = Map.of("1-50", 5, "51-200", 12, "201-1000", 20, "1001-5000", 26,
			"5000+", 30);

	private static final Map<String, Integer> INDUSTRY = Map.of("finance", 20, "manufacturing", 20, "healthcare", 18,
			"retail", 18, "energy", 16, "internet", 14, "education", 12, "government", 12, "other", 6);

	private static final int[] LEVEL_INTENT = { 0, 20, 30, 28, 18, 10 };

	/** A contact message asks for a conversation outright. */
	static final int CONTACT_INTENT = 26;

	private LeadScore() {
	}

	public static int of(Lead.Company company, ContactDetails contact, Integer maturityLevel) {
		// A contact form says nothing of size or industry: it scores on intent and
		// reachability.
		int fit = ((company.size() == null) ? 0 : SIZE.getOrDefault(company.size(), 0))
				+ ((company.industry() == null) ? 0 : INDUSTRY.getOrDefault(company.industry(), 0));
		int intent = (maturityLevel != null) ? LEVEL_INTENT[Math.max(1, Math.min(5, maturityLevel))] : CONTACT_INTENT;
		int reachable = 0;
		reachable += present(contact.phone()) ? 10 : 0;
		reachable += present(contact.email()) ? 4 : 0;
		reachable += present(contact.wechat()) ? 3 : 0;
		reachable += present(contact.title()) ? 3 : 0;
		return Math.min(100, fit + intent + reachable);
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
