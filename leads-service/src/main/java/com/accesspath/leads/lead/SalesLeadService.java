package com.accesspath.leads.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.diagnosis.Diagnosis;
import com.accesspath.leads.diagnosis.DiagnosisService;
import com.accesspath.leads.assignment.LeadAssignment;
import com.accesspath.leads.lead.LeadRepository.LeadFilter;
import com.accesspath.leads.lead.LeadRepository.LeadSort;
import com.accesspath.leads.lead.SalesView.Assignee;
import com.accesspath.leads.lead.SalesView.LeadCounts;
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

	private static final Duration STATS_MAX_PERIOD = Duration.ofDays(731);

	private static final int STATS_MAX_LEADS = 200_000;

	private final Clock clock;

	private final LeadAssignment assignment;

	SalesLeadService(LeadRepository leads, DiagnosisService diagnoses, Clock clock, LeadAssignment assignment) {
		this.leads = leads;
		this.assignment = assignment;
		this.diagnoses = diagnoses;
		this.clock = clock;
	}

	LeadPage list(LeadFilter filter, LeadSort sort, int limit, String cursor) {
		Lead after = null;
		if (cursor != null) {
			after = (ObjectId.isValid(cursor) ? this.leads.findById(cursor) : Optional.<Lead>empty())
				.orElseThrow(() -> new InvalidInputException("cursor", "is not a cursor this service issued"));
		}
		Instant now = this.clock.instant();
		List<Lead> page = this.leads.search(filter, now, sort, after, limit + 1);
		boolean more = page.size() > limit;
		List<Lead> items = more ? page.subList(0, limit) : page;
		return new LeadPage(items.stream().map(lead -> LeadSummary.of(lead, now)).toList(),
				more ? items.get(items.size() - 1).id() : null);
	}

	List<Lead> all(LeadFilter filter, int max) {
		return this.leads.search(filter, this.clock.instant(), LeadSort.NEWEST, null, max);
	}

	/** The open leads in each of the list's views, for the tabs' counts. */
	LeadCounts counts(String me) {
		Instant now = this.clock.instant();
		return new LeadCounts(this.leads.count(open(null, false, false), now),
				this.leads.count(open(me, false, false), now), this.leads.count(open(null, true, false), now),
				this.leads.count(open(null, false, true), now));
	}

	private static LeadFilter open(String assignee, boolean unassigned, boolean overdue) {
		return new LeadFilter(null, null, null, assignee, unassigned, overdue, true, null, null);
	}

	List<Assignee> assignees() {
		return this.assignment.roster().stream().map(person -> new Assignee(person.id(), person.name())).toList();
	}

	/**
	 * The contact details unmasked, to call or write from the list; who looked is written
	 * to the history (PIPL: access to personal data is recorded).
	 */
	ContactDetails reveal(String id, String actor) {
		Lead lead = this.leads
			.update(id,
					new Update().push("history",
							new Lead.HistoryEntry(this.clock.instant(), actor, "REVEALED", "查看了完整联系方式")))
			.orElseThrow(() -> notFound(id));
		return lead.contact();
	}

	LeadFunnel.Stats stats(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw new InvalidInputException("from", "must be before to");
		}
		if (Duration.between(from, to).compareTo(STATS_MAX_PERIOD) > 0) {
			throw new InvalidInputException("from", "the period can be at most 2 years");
		}
		return LeadFunnel.of(from, to, this.leads.createdBetween(from, to, STATS_MAX_LEADS));
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

	LeadDetail change(String id, long expectedVersion, LeadStatus status, String assignee, Instant nextFollowUpAt,
			String actor) {
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
			if (current.firstContactedAt() == null) {
				// Any move out of NEW means someone dealt with the lead: the clock stops.
				update.set("firstContactedAt", now);
			}
			entries.add(new Lead.HistoryEntry(now, actor, "STATUS", current.status().label() + " → " + status.label()));
		}
		if (assignee != null && !assignee.equals(current.assignee())) {
			String value = assignee.isBlank() ? null : assignee.strip();
			String name = null;
			if (value != null) {
				name = this.assignment.find(value)
					.orElseThrow(() -> new InvalidInputException("assignee", "is not on the sales roster"))
					.name();
			}
			update.set("assignee", value);
			entries.add(new Lead.HistoryEntry(now, actor, "ASSIGNED", (value == null) ? "取消分配" : "分配给 " + name));
		}
		if (nextFollowUpAt != null && !nextFollowUpAt.equals(current.nextFollowUpAt())) {
			// A new time gets its own reminder.
			update.set("nextFollowUpAt", nextFollowUpAt).unset("followUpRemindedAt");
			entries.add(new Lead.HistoryEntry(now, actor, "FOLLOW_UP_PLANNED",
					"下次跟进 " + LeadCsv.TIME.format(nextFollowUpAt) + "(北京时间)"));
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
				lead.version(), lead.erased(), lead.source(), lead.firstContactDue(), lead.firstContactedAt(),
				SalesView.isOverdue(lead, this.clock.instant()), lead.nextFollowUpAt(),
				(lead.scoreFactors() == null) ? List.of() : lead.scoreFactors(),
				(lead.consultations() == null) ? List.of() : lead.consultations());
	}

	private static ResponseStatusException notFound(String id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead '" + id + "'.");
	}

	private static ResponseStatusException stale(String id) {
		return new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
				"Someone else changed lead " + id + " meanwhile; reload it and try again.");
	}

}
