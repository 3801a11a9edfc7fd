package com.accesspath.leads.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.diagnosis.Diagnosis;
import com.accesspath.leads.diagnosis.DiagnosisService;
import com.accesspath.leads.lead.LeadRepository.LeadFilter;
import com.accesspath.leads.lead.SalesView.LeadDetail;
import com.accesspath.leads.lead.SalesView.LeadPage;
import com.accesspath.leads.lead.SalesView.LeadSummary;
import com.accesspath.leads.lead.SalesView.SubmissionView;

/**
 * The sales team's work on leads. Every change and every view of a whole lead is written
 * to its history.
 */
@Service
class SalesLeadService {

	static final String ERASED = "[已删除]";

	private final LeadRepository leads;

	private final DiagnosisService diagnoses;

	private final Clock clock;

	SalesLeadService(LeadRepository leads, DiagnosisService diagnoses, Clock clock) {
		this.leads = leads;
		this.diagnoses = diagnoses;
		this.clock = clock;
	}

	LeadPage list(LeadFilter filter, int limit, String cursor) {
		if (cursor != null && !ObjectId.isValid(cursor)) {
			throw new InvalidInputException("cursor", "is not a cursor this service issued");
		}
		List<Lead> page = this.leads.search(filter, cursor, limit + 1);
		boolean more = page.size() > limit;
		List<Lead> items = more ? page.subList(0, limit) : page;
		return new LeadPage(items.stream().map(LeadSummary::of).toList(),
				more ? items.get(items.size() - 1).id() : null);
	}

	List<Lead> all(LeadFilter filter, int max) {
		return this.leads.search(filter, null, max);
	}

	/**
	 * The whole lead; the view itself is recorded (without changing the version a
	 * salesperson edits against).
	 */
	LeadDetail view(String id, String actor) {
		Lead lead = this.leads
			.update(id,
					new Update().push("history", new Lead.HistoryEntry(this.clock.instant(), actor, "VIEWED", null)))
			.orElseThrow(() -> notFound(id));
		return detail(lead);
	}

	LeadDetail change(String id, long expectedVersion, LeadStatus status, String assignee, String actor) {
		Lead current = this.leads.findById(id).orElseThrow(() -> notFound(id));
		Instant now = this.clock.instant();
		Update update = new Update().set("updatedAt", now);
		List<Lead.HistoryEntry> entries = new ArrayList<>();
		if (status != null && status != current.status()) {
			if (!current.status().canMoveTo(status)) {
				throw new ResponseStatusException(HttpStatus.CONFLICT,
						"A lead cannot move from " + current.status() + " to " + status + ".");
			}
			update.set("status", status);
			entries.add(new Lead.HistoryEntry(now, actor, "STATUS", current.status() + " → " + status));
		}
		if (assignee != null && !assignee.equals(current.assignee())) {
			String value = assignee.isBlank() ? null : assignee.strip();
			update.set("assignee", value);
			entries.add(new Lead.HistoryEntry(now, actor, "ASSIGNED", (value == null) ? "取消分配" : value));
		}
		if (entries.isEmpty()) {
			if (current.version() != expectedVersion) {
				throw stale(id);
			}
			return detail(current);
		}
		update.push("history").each(entries.toArray());
		return detail(this.leads.updateIfVersion(id, expectedVersion, update).orElseThrow(() -> stale(id)));
	}

	Lead.Note addNote(String id, String text, String actor) {
		Instant now = this.clock.instant();
		Lead.Note note = new Lead.Note(new ObjectId().toHexString(), text.strip(), actor, now);
		this.leads
			.update(id,
					new Update().push("notes", note)
						.push("history", new Lead.HistoryEntry(now, actor, "NOTE", null))
						.set("updatedAt", now)
						.inc("version", 1))
			.orElseThrow(() -> notFound(id));
		return note;
	}

	/**
	 * PIPL erasure: the person's details, their messages and the notes about them are
	 * removed; company, scores, status and the history of who did what stay, anonymous.
	 * Reports are kept (they hold no personal data).
	 */
	LeadDetail erase(String id, String actor) {
		Lead lead = this.leads.findById(id).orElseThrow(() -> notFound(id));
		Instant now = this.clock.instant();
		List<Lead.Submission> submissions = lead.submissions()
			.stream()
			.map(s -> new Lead.Submission(s.id(), s.type(), s.at(), s.diagnosisId(), s.overall(), s.level(),
					(s.message() == null) ? null : ERASED,
					(s.consent() == null) ? null
							: new Lead.Consent(s.consent().given(), s.consent().at(), null, null,
									s.consent().textVersion()),
					s.source()))
			.toList();
		List<Lead.Note> notes = lead.notes()
			.stream()
			.map(n -> new Lead.Note(n.id(), ERASED, n.author(), n.at()))
			.toList();
		Update update = new Update().set("contact", new ContactDetails(ERASED, null, null, null, null))
			.unset("phone")
			.unset("email")
			.set("submissions", submissions)
			.set("notes", notes)
			.set("erased", true)
			.set("updatedAt", now)
			.inc("version", 1)
			.push("history", new Lead.HistoryEntry(now, actor, "ERASED", "个人信息已按请求删除"));
		return detail(this.leads.update(id, update).orElseThrow(() -> notFound(id)));
	}

	private LeadDetail detail(Lead lead) {
		List<SubmissionView> submissions = lead.submissions().stream().map(submission -> {
			Diagnosis diagnosis = (submission.diagnosisId() == null) ? null
					: this.diagnoses.findById(submission.diagnosisId()).orElse(null);
			return new SubmissionView(submission.id(), submission.type(), submission.at(), submission.message(),
					submission.consent(), (diagnosis == null) ? null : diagnosis.questionnaireVersion(),
					(diagnosis == null) ? null : diagnosis.answers(), (diagnosis == null) ? null : diagnosis.report());
		}).toList();
		return new LeadDetail(lead.id(), lead.type(), lead.status(), lead.company(), lead.contact(), lead.score(),
				lead.assignee(), submissions, lead.notes(), lead.history(), lead.createdAt(), lead.updatedAt(),
				lead.version(), lead.erased());
	}

	private static ResponseStatusException notFound(String id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead '" + id + "'.");
	}

	private static ResponseStatusException stale(String id) {
		return new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
				"Someone else changed lead " + id + " meanwhile; reload it and try again.");
	}

}
