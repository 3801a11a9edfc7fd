package com.accesspath.leads.diagnosis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.idempotency.IdempotentRequests;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadIntake;
import com.accesspath.leads.lead.LeadRepository;
import com.accesspath.leads.lead.LeadType;
import com.accesspath.leads.questionnaire.Questionnaire;
import com.accesspath.leads.questionnaire.QuestionnaireSource;
import com.accesspath.leads.report.ReportPlanner;
import com.accesspath.leads.report.ReportResources;

/**
 * A diagnosis, from answers to report and lead. The diagnosis is stored first (with what
 * the lead needs), then the lead; a crash between the two is repaired by
 * {@link LeadReconciler}, so an accepted diagnosis always reaches sales.
 */
@Service
public class DiagnosisService {

	static final String COLLECTION = "diagnoses";

	private static final SecureRandom random = new SecureRandom();

	public record ClientInfo(String ip, String userAgent) {
	}

	public record Submitted(Diagnosis diagnosis, boolean replayed) {
	}

	private final MongoTemplate mongo;

	private final QuestionnaireSource questionnaires;

	private final DiagnosisScorer scorer;

	private final LeadIntake intake;

	private final IdempotentRequests idempotentRequests;

	private final LeadsProperties properties;

	private final DiagnosisCounters counters;

	private final Clock clock;

	private final ReportPlanner planner;

	private final ReportNumbers numbers;

	private final ReportResources resources;

	private final LeadRepository leads;

	DiagnosisService(MongoTemplate mongo, QuestionnaireSource questionnaires, DiagnosisScorer scorer, LeadIntake intake,
			IdempotentRequests idempotentRequests, LeadsProperties properties, DiagnosisCounters counters, Clock clock,
			ReportPlanner planner, ReportNumbers numbers, ReportResources resources, LeadRepository leads) {
		this.mongo = mongo;
		this.questionnaires = questionnaires;
		this.scorer = scorer;
		this.intake = intake;
		this.idempotentRequests = idempotentRequests;
		this.properties = properties;
		this.counters = counters;
		this.clock = clock;
		this.planner = planner;
		this.numbers = numbers;
		this.resources = resources;
		this.leads = leads;
	}

	Submitted submit(DiagnosisRequest request, String idempotencyKey, ClientInfo client) {
		if (!request.contact().reachable()) {
			throw new InvalidInputException("contact.phone", "phone or email is required");
		}
		Questionnaire questionnaire = this.questionnaires.current();
		this.scorer.validate(questionnaire, request.answers());
		if (idempotencyKey == null) {
			return new Submitted(create(request, new ObjectId().toHexString(), questionnaire, client), false);
		}
		var outcome = this.idempotentRequests.run("diagnosis", idempotencyKey, request,
				id -> create(request, id, questionnaire, client), this::findById);
		return new Submitted(outcome.result(), outcome.replayed());
	}

	private Diagnosis create(DiagnosisRequest request, String id, Questionnaire questionnaire, ClientInfo client) {
		Instant now = this.clock.instant();
		Report report = report(questionnaire, request, now);
		Lead.Consent consent = new Lead.Consent(true, now, client.ip(), client.userAgent(),
				this.properties.privacyTextVersion());
		Diagnosis diagnosis = this.mongo.insert(new Diagnosis(id, newToken(), null, request.company().industry(),
				request.company().size(), request.answers(), questionnaire.version(), report, now,
				new Diagnosis.PendingLead(request.company(), request.contact(), consent, request.source())));
		this.counters.record(diagnosis.industry(), report);
		return linkLead(diagnosis);
	}

	/**
	 * The report as stored: scores, the benchmark against the diagnoses stored before,
	 * the advice of the current roadmap and a new report number.
	 */
	private Report report(Questionnaire questionnaire, DiagnosisRequest request, Instant now) {
		DiagnosisScorer.Scores scores = this.scorer.score(questionnaire, request.answers());
		DiagnosisCounters.Peers peers = this.counters.peers(request.company().industry());
		int minimum = this.properties.percentileMinimum();
		Integer percentile = peers.percentile(scores.overall(), minimum);
		List<Report.DimensionScore> averages = peers.dimensionAverages(questionnaire, minimum);
		ReportPlanner.Plan plan = this.planner.plan(questionnaire, scores.dimensions(), averages);
		return new Report(request.company().name(), now, this.numbers.next(now), scores.overall(),
				scores.level().level(), scores.level().name(), scores.dimensions(), percentile, averages,
				(percentile == null) ? peers.distribution(questionnaire) : null, plan.gaps(), plan.recommendations(),
				plan.roadmap(), plan.version(), null);
	}

	/**
	 * Creates or links the diagnosis's lead and forgets the contact details kept for it.
	 */
	public Diagnosis linkLead(Diagnosis diagnosis) {
		Diagnosis.PendingLead pending = diagnosis.pendingLead();
		if (pending == null) {
			return diagnosis;
		}
		DiagnosisRequest.CompanyDetails company = pending.company();
		Lead.Submission submission = new Lead.Submission(diagnosis.id(), LeadType.DIAGNOSIS, diagnosis.createdAt(),
				diagnosis.id(), diagnosis.report().overall(), diagnosis.report().level(), null, pending.consent(),
				pending.source());
		String leadId = this.intake.accept(new LeadIntake.Intake(LeadType.DIAGNOSIS,
				new Lead.Company(company.name(), company.industry(), company.size(), company.region()),
				pending.contact(), submission));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(diagnosis.id()))),
				new Update().set("leadId", leadId).unset("pendingLead"), Diagnosis.class);
		return new Diagnosis(diagnosis.id(), diagnosis.reportToken(), leadId, diagnosis.industry(), diagnosis.size(),
				diagnosis.answers(), diagnosis.questionnaireVersion(), diagnosis.report(), diagnosis.createdAt(), null);
	}

	List<Diagnosis> findUnlinked(Instant before) {
		return this.mongo.find(Query.query(Criteria.where("leadId").is(null).and("createdAt").lt(before)).limit(100),
				Diagnosis.class);
	}

	/** The report, only for the holder of its token, with its articles. */
	public Optional<Report> report(String id, String token) {
		return withToken(id, token).map(this::deliverable);
	}

	/**
	 * The diagnosis, only for the holder of its report's token (else empty, whatever is
	 * wrong).
	 */
	public Optional<Diagnosis> withToken(String id, String token) {
		if (!ObjectId.isValid(id) || token == null) {
			return Optional.empty();
		}
		Diagnosis diagnosis = this.mongo.findById(id, Diagnosis.class);
		if (diagnosis == null || !MessageDigest.isEqual(diagnosis.reportToken().getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8))) {
			return Optional.empty();
		}
		return Optional.of(completed(diagnosis));
	}

	/** The report as delivered: as stored, with the articles recommended for it today. */
	Report deliverable(Diagnosis diagnosis) {
		Report report = diagnosis.report();
		return report
			.withResources(this.resources.forReport(diagnosis.industry(), this.planner.tagsFor(report.dimensions())));
	}

	/**
	 * A report stored before reports had a company, a number and advice, completed once
	 * (by whichever request reads it first). Its benchmark stays as it was: the diagnoses
	 * before it cannot be told apart any more.
	 */
	private Diagnosis completed(Diagnosis diagnosis) {
		Report stored = diagnosis.report();
		if (stored.reportNumber() != null) {
			return diagnosis;
		}
		String company = (diagnosis.pendingLead() != null) ? diagnosis.pendingLead().company().name()
				: Optional.ofNullable(diagnosis.leadId())
					.flatMap(this.leads::findById)
					.map(lead -> lead.company().name())
					.orElse(null);
		ReportPlanner.Plan plan = this.planner.plan(this.questionnaires.current(), stored.dimensions(), null);
		Report report = new Report(company, diagnosis.createdAt(), this.numbers.next(diagnosis.createdAt()),
				stored.overall(), stored.level(), stored.levelName(), stored.dimensions(), stored.percentile(), null,
				null, plan.gaps(), stored.recommendations(), plan.roadmap(), plan.version(), null);
		this.mongo.updateFirst(
				Query.query(Criteria.where("_id").is(new ObjectId(diagnosis.id())).and("report.reportNumber").is(null)),
				new Update().set("report", report), Diagnosis.class);
		return this.mongo.findById(diagnosis.id(), Diagnosis.class);
	}

	public Optional<Diagnosis> findById(String id) {
		return ObjectId.isValid(id) ? Optional.ofNullable(this.mongo.findById(id, Diagnosis.class)) : Optional.empty();
	}

	/** How many diagnoses were completed: one read of the counters. */
	long completed() {
		return this.counters.completed();
	}

	private static String newToken() {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
