package com.accesspath.leads.diagnosis;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.accesspath.leads.lead.ContactDetails;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadSource;

/**
 * A completed diagnosis: the answers with their questionnaire version and the report,
 * readable by whoever holds {@code reportToken}. {@code leadId} is set once the lead
 * exists; a diagnosis stored without one (a crash between the two writes) is picked up by
 * {@link LeadReconciler}. Contact details live only in the lead, so erasing a person's
 * data leaves an anonymous diagnosis.
 */
@Document(DiagnosisService.COLLECTION)
public record Diagnosis(@Id String id, String reportToken, String leadId, String industry, String size,
		Map<String, Integer> answers, String questionnaireVersion, Report report, Instant createdAt,
		PendingLead pendingLead) {

	/**
	 * What the lead needs, kept only until the lead exists (then removed: contact details
	 * live in the lead).
	 */
	public record PendingLead(DiagnosisRequest.CompanyDetails company, ContactDetails contact, Lead.Consent consent,
			LeadSource source) {
	}

}
