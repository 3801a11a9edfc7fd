package com.accesspath.leads.assignment;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadRepository;
import com.accesspath.leads.lead.LeadStatus;
import com.accesspath.leads.notify.LeadNotifier;
import com.accesspath.leads.notify.WeComMessage;

/**
 * The clock on every lead: a NEW lead past its first-contact deadline is announced once
 * to its assignee (WeCom, @-mentioned) and marked in its history; a follow-up time that
 * has come is reminded once. "Once" holds across replicas: each announcement is claimed
 * with a conditional update before it is sent, and released for the next check when WeCom
 * could not take it.
 */
@Component
public class LeadDeadlines {

	private static final Logger log = LoggerFactory.getLogger(LeadDeadlines.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	static final int BATCH = 50;

	private final LeadRepository leads;

	private final LeadNotifier notifier;

	private final LeadAssignment assignment;

	private final Clock clock;

	LeadDeadlines(LeadRepository leads, LeadNotifier notifier, LeadAssignment assignment, Clock clock) {
		this.leads = leads;
		this.notifier = notifier;
		this.assignment = assignment;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${accesspath.leads.assignment.check-interval:1m}", initialDelayString = "10s")
	public void check() {
		try {
			announceOverdue();
			remindFollowUps();
		}
		catch (RuntimeException ex) {
			log.warn("Lead deadlines checked again later: {}", ex.getMessage());
		}
	}

	/** How many overdue leads were announced now. */
	public int announceOverdue() {
		Instant now = this.clock.instant();
		int announced = 0;
		for (Lead due : this.leads.findOverdueUnannounced(now, BATCH)) {
			announced += announce(due, "overdueNotifiedAt", Criteria.where("status").is(LeadStatus.NEW), "OVERDUE",
					lead -> "首次联系已逾期(截止 " + beijing(lead.firstContactDue()) + ")",
					lead -> "### 线索已逾期未联系:" + WeComMessage.plain(lead.company().name()) + "\n> 首次联系截止:"
							+ beijing(lead.firstContactDue()) + "(北京时间)");
		}
		return announced;
	}

	/** How many follow-ups were reminded now. */
	public int remindFollowUps() {
		Instant now = this.clock.instant();
		int reminded = 0;
		for (Lead due : this.leads.findFollowUpsDue(now, BATCH)) {
			reminded += announce(due, "followUpRemindedAt", Criteria.where("nextFollowUpAt").is(due.nextFollowUpAt()),
					"FOLLOW_UP", lead -> "跟进提醒(计划 " + beijing(lead.nextFollowUpAt()) + ")",
					lead -> "### 该跟进了:" + WeComMessage.plain(lead.company().name()) + "\n> 计划跟进时间:"
							+ beijing(lead.nextFollowUpAt()) + "(北京时间)\n> 状态:" + lead.status().label());
		}
		return reminded;
	}

	private int announce(Lead due, String field, Criteria stillDue, String action, Function<Lead, String> history,
			Function<Lead, String> message) {
		Instant now = this.clock.instant();
		Lead lead = this.leads.claimAnnouncement(due.id(), field, now, stillDue).orElse(null);
		if (lead == null) {
			// Another replica has it, or the lead moved on meanwhile.
			return 0;
		}
		if (this.notifier.isEnabled() && !this.notifier
			.sendNow(WeComMessage.markdown(message.apply(lead) + mention(lead) + "\n> 线索 ID:" + lead.id()))) {
			this.leads.update(lead.id(), new Update().unset(field));
			return 0;
		}
		this.leads.update(lead.id(),
				new Update().push("history", new Lead.HistoryEntry(now, "system", action, history.apply(lead))));
		return 1;
	}

	private String mention(Lead lead) {
		if (lead.assignee() == null) {
			return "\n> 负责人:未分配";
		}
		return this.assignment.find(lead.assignee())
			.map(person -> "\n> 负责人:" + person.name()
					+ ((person.wecomUserId() == null) ? "" : " <@" + person.wecomUserId() + ">"))
			.orElse("\n> 负责人:" + lead.assignee());
	}

	private String beijing(Instant at) {
		return TIME.format(at.atZone(this.assignment.zone()));
	}

}
