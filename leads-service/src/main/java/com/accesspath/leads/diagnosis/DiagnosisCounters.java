package com.accesspath.leads.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.accesspath.leads.questionnaire.Questionnaire;

/**
 * The "completed" counter and a report's benchmark without reading the diagnoses per
 * request: one small document, {@code {_id: "diagnoses", schema, completed, industries:
 * {<industry>: {count, scores: {<overall>: n}, dimensionSums: {<dimension>: sum}}}}},
 * moved with one {@code $inc} per stored diagnosis. Overall scores are whole numbers
 * 0–100, so the histogram has at most 101 buckets per industry and answers exactly what
 * counting the collection answered; the sums give each dimension's average. Built once
 * from the stored diagnoses when it is missing (first start with this code, or deleted to
 * rebuild), and rebuilt once when it was written by an earlier version (no
 * {@code schema}: no sums).
 */
@Component
class DiagnosisCounters implements InitializingBean {

	static final String COLLECTION = "diagnosisStats";

	static final String ID = "diagnoses";

	/** The counters' layout: 2 added the dimension sums. */
	static final int SCHEMA = 2;

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
		if (this.mongo.exists(Query.query(Criteria.where("_id").is(ID).and("schema").gte(SCHEMA)), COLLECTION)) {
			return;
		}
		boolean earlier = this.mongo.exists(byId(), COLLECTION);
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
		Aggregation sums = Aggregation.newAggregation(Aggregation.unwind("report.dimensions"),
				Aggregation
					.group(Fields.from(Fields.field("industry"), Fields.field("dimension", "report.dimensions.key")))
					.sum("report.dimensions.score")
					.as("sum"));
		for (Document bucket : this.mongo.aggregate(sums, DiagnosisService.COLLECTION, Document.class)) {
			Document key = bucket.get("_id", Document.class);
			Document ofIndustry = industries.get(key.getString("industry"), Document.class);
			String dimension = key.getString("dimension");
			if (ofIndustry != null && dimension != null && dimension.matches("[A-Za-z0-9_-]+")) {
				((Document) ofIndustry.computeIfAbsent("dimensionSums", name -> new Document())).put(dimension,
						number(bucket.get("sum")));
			}
		}
		Document counters = new Document("_id", ID).append("schema", SCHEMA)
			.append("completed", completed)
			.append("industries", industries);
		if (earlier) {
			// Written by an earlier version: replaced once (by one replica). A diagnosis
			// stored between the aggregation and this write is not counted.
			this.mongo.getCollection(COLLECTION)
				.replaceOne(new Document("_id", ID).append("schema", new Document("$exists", false)), counters);
			log.info("Diagnosis counters rebuilt with dimension sums from {} stored diagnoses", completed);
			return;
		}
		try {
			this.mongo.insert(counters, COLLECTION);
			log.info("Diagnosis counters built from {} stored diagnoses", completed);
		}
		catch (DuplicateKeyException ex) {
			// Another replica (or a submission) created them meanwhile.
		}
	}

	/** Counts a stored diagnosis. */
	void record(String industry, Report report) {
		String prefix = "industries." + industry;
		Update update = new Update().inc("completed", 1)
			.inc(prefix + ".count", 1)
			.inc(prefix + ".scores." + report.overall(), 1)
			.setOnInsert("schema", SCHEMA);
		for (Report.DimensionScore dimension : report.dimensions()) {
			update.inc(prefix + ".dimensionSums." + dimension.key(), dimension.score());
		}
		this.mongo.upsert(byId(), update, COLLECTION);
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
		return peers(industry).percentile(overall, minimum);
	}

	/** What the counters say about the diagnoses stored so far: one read. */
	Peers peers(String industry) {
		Query query = byId();
		query.fields().include("industries");
		Document counters = this.mongo.findOne(query, Document.class, COLLECTION);
		Document industries = (counters == null) ? null : counters.get("industries", Document.class);
		return new Peers((industries == null) ? new Document() : industries, industry);
	}

	/** The counters of every industry, read for a diagnosis of {@code industry}. */
	record Peers(Document industries, String industry) {

		private Document ofIndustry() {
			Document ofIndustry = this.industries.get(this.industry, Document.class);
			return (ofIndustry == null) ? new Document() : ofIndustry;
		}

		long count() {
			return number(ofIndustry().get("count"));
		}

		/**
		 * Share (0–100) of the industry's diagnoses that scored lower than
		 * {@code overall}; null when fewer than {@code minimum} were counted.
		 */
		Integer percentile(int overall, int minimum) {
			long earlier = count();
			if (earlier < minimum) {
				return null;
			}
			if (earlier == 0) {
				return 0; // as counting answered with a minimum of 0
			}
			long lower = 0;
			Document scores = ofIndustry().get("scores", Document.class);
			if (scores != null) {
				for (Map.Entry<String, Object> bucket : scores.entrySet()) {
					if (Integer.parseInt(bucket.getKey()) < overall) {
						lower += number(bucket.getValue());
					}
				}
			}
			return (int) Math.round(lower * 100.0 / earlier);
		}

		/**
		 * The industry's average (rounded) of each dimension; null when fewer than
		 * {@code minimum} (and at least one) were counted.
		 */
		List<Report.DimensionScore> dimensionAverages(Questionnaire questionnaire, int minimum) {
			long earlier = count();
			if (earlier < Math.max(1, minimum)) {
				return null;
			}
			Document sums = ofIndustry().get("dimensionSums", Document.class);
			List<Report.DimensionScore> averages = new ArrayList<>();
			for (Questionnaire.Dimension dimension : questionnaire.dimensions()) {
				long sum = (sums == null) ? 0 : number(sums.get(dimension.key()));
				averages.add(new Report.DimensionScore(dimension.key(), dimension.name(),
						(int) Math.round((double) sum / earlier)));
			}
			return averages;
		}

		/** How the overall scores of every industry's diagnoses fall into the levels. */
		Report.Distribution distribution(Questionnaire questionnaire) {
			Map<Integer, Long> perLevel = new TreeMap<>();
			questionnaire.levels().forEach(level -> perLevel.put(level.level(), 0L));
			long total = 0;
			for (Object ofIndustry : this.industries.values()) {
				Document scores = (ofIndustry instanceof Document document) ? document.get("scores", Document.class)
						: null;
				if (scores == null) {
					continue;
				}
				for (Map.Entry<String, Object> bucket : scores.entrySet()) {
					long n = number(bucket.getValue());
					perLevel.merge(questionnaire.levelOf(Integer.parseInt(bucket.getKey())).level(), n, Long::sum);
					total += n;
				}
			}
			List<Report.LevelShare> levels = new ArrayList<>();
			for (Questionnaire.Level level : questionnaire.levels()) {
				long n = perLevel.get(level.level());
				levels.add(new Report.LevelShare(level.level(), level.name(), n,
						(total == 0) ? 0 : (int) Math.round(n * 100.0 / total)));
			}
			return new Report.Distribution(total, levels);
		}

	}

	private static Query byId() {
		return Query.query(Criteria.where("_id").is(ID));
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

}
