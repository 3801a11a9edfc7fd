package com.accesspath.leads.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.accesspath.leads.assignment.AssignmentProperties.SalesPerson;
import com.accesspath.leads.assignment.LeadAssignment;
import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.notify.LeadNotifier;

/**
 * Turns every accepted submission into a lead: a person who submitted within the
 * duplicate window (same phone or email) is linked to their open lead; anyone else
 * becomes a NEW lead, assigned by the rules with its first-contact deadline, and sales is
 * told. Safe to repeat for the same submission: it is added once.
 */
@Service
public class LeadIntake {

	public record Intake(LeadType type, Lead.Company company, ContactDetails contact, Lead.Submission submission) {
	}

	private final LeadRepository leads;

	private final LeadNotifier notifier;

	private final LeadsProperties properties;

	private final Clock clock;

	private final LeadAssignment assignment;

	LeadIntake(LeadRepository leads, LeadNotifier notifier, LeadsProperties properties, Clock clock,
			LeadAssignment assignment) {
		this.leads = leads;
		this.assignment = assignment;
		this.notifier = notifier;
		this.properties = properties;
		this.clock = clock;
	}

	/** Whether the submission was accepted (it belongs to a lead). */
	public boolean received(String submissionId) {
		return this.leads.findBySubmission(submissionId).isPresent();
	}

	/**
	 * The id of the lead the submission belongs to. Safe to run concurrently for the same
	 * submission (a request and the reconciler, or two replicas' reconcilers): the unique
	 * index on {@code submissions.id} lets one of them store it, and the others answer
	 * with that lead.
	 */
	public String accept(Intake intake) {
		Optional<Lead> already = this.leads.findBySubmission(intake.submission().id());
		if (already.isPresent()) {
			return already.get().id();
		}
		try {
			return store(intake);
		}
		catch (DuplicateKeyException ex) {
			// Another intake stored the submission between our look-up and our write.
			return this.leads.findBySubmission(intake.submission().id()).map(Lead::id).orElseThrow(() -> ex);
		}
	}

	private String store(Intake intake) {
		Instant now = this.clock.instant();
		String phone = intake.contact().normalizedPhone();
		String email = intake.contact().normalizedEmail();
		LeadScore.Explained score = LeadScore.explain(intake.type(), intake.company(), intake.contact(),
				intake.submission().level());
		Optional<Lead> open = this.leads.findOpenFor(phone, email, now.minus(this.properties.duplicateWindow()));
		if (open.isPresent()) {
			Update update = new Update().set("lastSubmittedAt", now).set("updatedAt", now);
			if (score.total() > open.get().score()) {
				update.set("score", score.total()).set("scoreFactors", score.factors());
			}
			update.push("history",
					new Lead.HistoryEntry(now, "system", "RESUBMITTED", "再次提交(" + intake.type().label() + "),已关联到此线索"));
			this.leads.addSubmission(open.get().id(), intake.submission(), update);
			return open.get().id();
		}
		Lead.Notification notification = this.properties.notificationsEnabled()
				? new Lead.Notification(NotificationState.PENDING, 0, now, null) : null;
		List<Lead.HistoryEntry> history = new ArrayList<>();
		history.add(new Lead.HistoryEntry(now, "system", "CREATED", "来自" + intake.type().label()));
		SalesPerson assignee = this.assignment.next(intake.company()).orElse(null);
		if (assignee != null) {
			history.add(new Lead.HistoryEntry(now, "system", "ASSIGNED", "按分配规则分给 " + assignee.name()));
		}
		Instant firstContactDue = this.assignment.firstContactDue(now);
		Lead lead = this.leads.insert(new Lead(null, intake.type(), LeadStatus.NEW, intake.company(), intake.contact(),
				phone, email, score.total(), (assignee == null) ? null : assignee.id(), List.of(intake.submission()),
				List.of(), history, now, now, now, 1, false, notification, intake.submission().source(),
				firstContactDue, null, null, null, null, score.factors(), List.of()));
		if (notification != null) {
			this.notifier.deliverSoon(lead.id());
		}
		return lead.id();
	}

}
