package com.accesspath.leads.assignment;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.accesspath.leads.assignment.AssignmentProperties.Rule;
import com.accesspath.leads.assignment.AssignmentProperties.SalesPerson;
import com.accesspath.leads.lead.Lead;

/**
 * Gives a new lead to a salesperson by the configured rules, in turn. The turn is a
 * counter in MongoDB incremented atomically, so every replica takes the next person: two
 * leads arriving at once on two replicas go to two people.
 */
@Service
public class LeadAssignment {

	static final String TURNS = "assignmentTurns";

	private static final String EVERYONE = "roster";

	private final AssignmentProperties settings;

	private final MongoTemplate mongo;

	private final WorkingHours workingHours;

	LeadAssignment(AssignmentProperties settings, MongoTemplate mongo) {
		this.settings = settings;
		this.mongo = mongo;
		this.workingHours = new WorkingHours(settings);
	}

	/** The salesperson whose turn it is for this company; empty without a roster. */
	public Optional<SalesPerson> next(Lead.Company company) {
		if (this.settings.roster().isEmpty()) {
			return Optional.empty();
		}
		for (int i = 0; i < this.settings.rules().size(); i++) {
			Rule rule = this.settings.rules().get(i);
			if (matches(rule, company)) {
				return Optional.of(person(turn("rule-" + i, rule.assignees().size()), rule.assignees()));
			}
		}
		List<String> everyone = this.settings.roster().stream().map(SalesPerson::id).toList();
		return Optional.of(person(turn(EVERYONE, everyone.size()), everyone));
	}

	public List<SalesPerson> roster() {
		return this.settings.roster();
	}

	public Optional<SalesPerson> find(String id) {
		return this.settings.roster().stream().filter(person -> person.id().equals(id)).findFirst();
	}

	/**
	 * When a lead arriving at {@code arrived} must have been contacted: the SLA in
	 * working hours.
	 */
	public Instant firstContactDue(Instant arrived) {
		return this.workingHours.plus(arrived, this.settings.firstContactSla());
	}

	/** Where the working day, and so every deadline shown, is counted. */
	public ZoneId zone() {
		return this.settings.zone();
	}

	private static boolean matches(Rule rule, Lead.Company company) {
		boolean industry = rule.industries().isEmpty()
				|| (company.industry() != null && rule.industries().contains(company.industry()));
		boolean region = rule.regions().isEmpty() || (company.region() != null
				&& rule.regions().stream().anyMatch(name -> company.region().contains(name)));
		return industry && region;
	}

	private SalesPerson person(int turn, List<String> ids) {
		return find(ids.get(turn)).orElseThrow();
	}

	/** This pool's next position, 0 … size-1, shared by all replicas. */
	private int turn(String pool, int size) {
		Document counter = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(pool)),
				new Update().inc("taken", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
				Document.class, TURNS);
		long taken = ((Number) counter.get("taken")).longValue();
		return (int) Math.floorMod(taken - 1, (long) size);
	}

}
