package com.accesspath.leads.consultation;

import java.time.Clock;
import java.time.Instant;

import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.diagnosis.Diagnosis;
import com.accesspath.leads.diagnosis.DiagnosisService;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.NotificationState;
import com.accesspath.leads.notify.LeadNotifier;
import com.accesspath.leads.report.ReportProperties;

/**
 * 预约顾问解读: a prospect asks, from their report, for a consultant to walk them through it.
 * The consultation, its history entry and the lead's WeCom notification (armed again, so
 * the message says who asked and when they would like to talk) are one atomic update of
 * the lead; the {@link LeadNotifier} then delivers it at once, and after a WeCom outage
 * with its stored backoff: the request is never lost and never waits for WeCom.
 */
@Service
class Consultations {

	private final DiagnosisService diagnoses;

	private final MongoTemplate mongo;

	private final LeadNotifier notifier;

	private final LeadsProperties leadsProperties;

	private final int maxPerLead;

	private final Clock clock;

	Consultations(DiagnosisService diagnoses, MongoTemplate mongo, LeadNotifier notifier,
			LeadsProperties leadsProperties, ReportProperties reportProperties, Clock clock) {
		this.diagnoses = diagnoses;
		this.mongo = mongo;
		this.notifier = notifier;
		this.leadsProperties = leadsProperties;
		this.maxPerLead = reportProperties.consultation().maxPerLead();
		this.clock = clock;
	}

	static final String CONSULTATION_FACTOR = "预约顾问解读";

	static final int CONSULTATION_POINTS = 15;

	/** Books a consultation for the holder of the report's token; its id. */
	String book(String diagnosisId, String token, ConsultationRequest request) {
		Diagnosis diagnosis = this.diagnoses.withToken(diagnosisId, token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report here for this link."));
		// A lead still being linked (its request crashed, the reconciler has not run):
		// linked now, so the consultation has its lead.
		String leadId = (diagnosis.leadId() != null) ? diagnosis.leadId() : this.diagnoses.linkLead(diagnosis).leadId();
		Instant now = this.clock.instant();
		Lead.Consultation consultation = new Lead.Consultation(new ObjectId().toHexString(), diagnosis.id(), now,
				blankToNull(request.preferredTime()), blankToNull(request.note()));
		Update update = new Update().push("consultations", consultation)
			.push("history", new Lead.HistoryEntry(now, "system", "CONSULTATION", detail(consultation)))
			.set("updatedAt", now)
			.inc("version", 1);
		if (this.leadsProperties.notificationsEnabled()) {
			update.set("notification", new Lead.Notification(NotificationState.PENDING, 0, now, null));
		}
		// The cap and the erasure are part of the update's condition, so two requests at
		// once cannot pass it together.
		Query lead = Query.query(Criteria.where("_id")
			.is(new ObjectId(leadId))
			.and("erased")
			.ne(true)
			.and("consultations." + (this.maxPerLead - 1))
			.exists(false));
		if (this.mongo.updateFirst(lead, update, Lead.class).getModifiedCount() != 1) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"This report takes no more consultation requests; a consultant will be in touch.");
		}
		raiseScore(leadId);
		if (this.leadsProperties.notificationsEnabled()) {
			this.notifier.deliverSoon(leadId);
		}
		return consultation.id();
	}

	/**
	 * Asking a consultant to walk them through the report is the strongest sign of intent
	 * a prospect gives: the first one adds its own reason to the lead's score (up to
	 * 100).
	 */
	private void raiseScore(String leadId) {
		Lead lead = this.mongo.findById(new ObjectId(leadId), Lead.class);
		if (lead == null) {
			return;
		}
		Query notYet = Query.query(Criteria.where("_id")
			.is(new ObjectId(leadId))
			.and("score")
			.is(lead.score())
			.and("scoreFactors.label")
			.ne(CONSULTATION_FACTOR));
		this.mongo.updateFirst(notYet, new Update().set("score", Math.min(100, lead.score() + CONSULTATION_POINTS))
			.push("scoreFactors", new Lead.ScoreFactor(CONSULTATION_FACTOR, CONSULTATION_POINTS)), Lead.class);
	}

	private static String detail(Lead.Consultation consultation) {
		StringBuilder detail = new StringBuilder("预约顾问解读");
		if (consultation.preferredTime() != null) {
			detail.append(",希望时间:").append(consultation.preferredTime());
		}
		if (consultation.note() != null) {
			detail.append(",说明:").append(consultation.note());
		}
		return detail.toString();
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
