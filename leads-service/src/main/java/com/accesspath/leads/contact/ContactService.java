package com.accesspath.leads.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.bson.types.ObjectId;

import org.springframework.stereotype.Service;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.contact.ContactController.ContactRequest;
import com.accesspath.leads.idempotency.IdempotentRequests;
import com.accesspath.leads.idempotency.IdempotentRequests.Outcome;
import com.accesspath.leads.lead.ContactDetails;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadIntake;
import com.accesspath.leads.lead.LeadType;

/**
 * A contact message becomes (or joins) a lead in one atomic write, at most once per
 * {@code Idempotency-Key}.
 */
@Service
class ContactService {

	private final LeadIntake intake;

	private final IdempotentRequests idempotentRequests;

	private final LeadsProperties properties;

	private final Clock clock;

	ContactService(LeadIntake intake, IdempotentRequests idempotentRequests, LeadsProperties properties, Clock clock) {
		this.intake = intake;
		this.idempotentRequests = idempotentRequests;
		this.properties = properties;
		this.clock = clock;
	}

	/** The submission's id (the first request's, for a replay). */
	Outcome<String> submit(ContactRequest request, String idempotencyKey, String ip, String userAgent) {
		ContactDetails contact = new ContactDetails(request.name(), null, request.phone(), request.email(), null);
		if (!contact.reachable()) {
			throw new InvalidInputException("phone", "phone or email is required");
		}
		if (idempotencyKey == null) {
			return new Outcome<>(accept(request, contact, new ObjectId().toHexString(), ip, userAgent), false);
		}
		return this.idempotentRequests.run("contact", idempotencyKey, request,
				submissionId -> accept(request, contact, submissionId, ip, userAgent),
				submissionId -> Optional.of(submissionId).filter(this.intake::received));
	}

	private String accept(ContactRequest request, ContactDetails contact, String submissionId, String ip,
			String userAgent) {
		Instant now = this.clock.instant();
		Lead.Consent consent = new Lead.Consent(true, now, ip, userAgent, this.properties.privacyTextVersion());
		this.intake.accept(
				new LeadIntake.Intake(LeadType.CONTACT, new Lead.Company(request.company().strip(), null, null, null),
						contact, new Lead.Submission(submissionId, LeadType.CONTACT, now, null, null, null,
								request.message(), consent, request.source())));
		return submissionId;
	}

}
