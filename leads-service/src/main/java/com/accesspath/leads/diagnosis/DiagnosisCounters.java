package com.accesspath.leads.diagnosis;

import java.util.Map;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The "completed" counter and the percentile without counting the diagnoses per request:
 * one small document, {@code {_id: "diagnoses", completed, industries: {<industry>:
 * {count, scores: {<overall>: n}}}}}, moved with one {@code $inc} per stored diagnosis.
 * Overall scores are whole numbers 0–100, so the histogram has at most 101 buckets per
 * industry and answers exactly what counting the collection answered. Built once from the
 * stored diagnoses when it is missing (first start with this code, or deleted to
 * rebuild).
 */
@Component
class DiagnosisCounters implements InitializingBean {

	static final String COLLECTION = "diagnosisStats";

	static final String ID = "diagnoses";

	private static final Logger log = LoggerFactory.getLogger(DiagnosisCounters.class);

	private final MongoTemplate mongo;

	DiagnosisCounters(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		// Every query of the diagnoses: by _id (reports), and the reconciler's unlinked
		// ones.
		this.mongo.indexOps(DiagnosisService.COLLECTION)
			.createIndex(new Index().on("leadId", Sort.Direction.ASC)
				.on("createdAt", Sort.Direction.ASC)
				.named("leadId_createdAt"));
		buildIfMissing();
	}

	/**
	 * Builds the counters from the stored diagnoses unless they exist; safe on several
	 * replicas starting at once (the first one's document stays).
	 */
	void buildIfMissing() {
		if (this.mongo.exists(byId(), COLLECTION)) {
			return;
		}
		Aggregation histogram = Aggregation
			.newAggregation(Aggregation.group("industry", "report.overall").count().as("n"));
		Document industries = new Document();
		long completed = 0;
		for (Document bucket : this.mongo.aggregate(histogram, DiagnosisService.COLLECTION, Document.class)) {
			Document key = bucket.get("_id", Document.class);
			String industry = key.getString("industry");
			Number overall = (Number) key.get("overall");
			long n = ((Number) bucket.get("n")).longValue();
			completed += n;
			if (industry == null || overall == null || !industry.matches("[A-Za-z0-9_-]+")) {
				// Not a key a request can ask for (industries are validated).
				continue;
			}
			Document ofIndustry = (Document) industries.computeIfAbsent(industry,
					name -> new Document("count", 0L).append("scores", new Document()));
			ofIndustry.put("count", ofIndustry.getLong("count") + n);
			ofIndustry.get("scores", Document.class).put(Integer.toString(overall.intValue()), n);
		}
		try {
			this.mongo.insert(new Document("_id", ID).append("completed", completed).append("industries", industries),
					COLLECTION);
			log.info("Diagnosis counters built from {} stored diagnoses", completed);
		}
		catch (DuplicateKeyException ex) {
			// Another replica (or a submission) created them meanwhile.
		}
	}

	/** Counts a stored diagnosis. */
	void record(String industry, int overall) {
		String prefix = "industries." + industry;
		this.mongo.upsert(byId(),
				new Update().inc("completed", 1).inc(prefix + ".count", 1).inc(prefix + ".scores." + overall, 1),
				COLLECTION);
	}

	long completed() {
		Query query = byId();
		query.fields().include("completed");
		Document counters = this.mongo.findOne(query, Document.class, COLLECTION);
		return (counters == null) ? 0 : number(counters.get("completed"));
	}

	/**
	 * Share (0–100) of the diagnoses counted so far in the industry that scored lower
	 * than {@code overall}; null when fewer than {@code minimum} were counted.
	 */
	Integer percentile(String industry, int overall, int minimum) {
		Query query = byId();
		query.fields().include("industries." + industry);
		Document counters = this.mongo.findOne(query, Document.class, COLLECTION);
		Document industries = (counters == null) ? null : counters.get("industries", Document.class);
		Document ofIndustry = (industries == null) ? null : industries.get(industry, Document.class);
		long earlier = (ofIndustry == null) ? 0 : number(ofIndustry.get("count"));
		if (earlier < minimum) {
			return null;
		}
		if (earlier == 0) {
			return 0; // as counting answered with a minimum of 0
		}
		long lower = 0;
		Document scores = ofIndustry.get("scores", Document.class);
		if (scores != null) {
			for (Map.Entry<String, Object> bucket : scores.entrySet()) {
				if (Integer.parseInt(bucket.getKey()) < overall) {
					lower += number(bucket.getValue());
				}
			}
		}
		return (int) Math.round(lower * 100.0 / earlier);
	}

	private static Query byId() {
		return Query.query(Criteria.where("_id").is(ID));
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

}
