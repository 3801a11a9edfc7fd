package com.accesspath.leads.diagnosis;

import java.time.Instant;
import java.time.ZoneId;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Report numbers people can read out on the phone: {@code AP-<year>-<n>}, the year in
 * China's time zone and {@code n} counting that year's reports from 1, at least six
 * digits ({@code AP-2026-000123}). One counter document per year, moved with
 * {@code $inc}, so numbers are unique across replicas; a diagnosis whose storing failed
 * leaves a gap, never a duplicate.
 */
@Component
class ReportNumbers {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final MongoTemplate mongo;

	ReportNumbers(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	String next(Instant at) {
		int year = at.atZone(CHINA).getYear();
		Query query = Query.query(Criteria.where("_id").is("reportNumbers-" + year));
		Update increment = new Update().inc("last", 1);
		FindAndModifyOptions options = FindAndModifyOptions.options().upsert(true).returnNew(true);
		Document counter;
		try {
			counter = this.mongo.findAndModify(query, increment, options, Document.class, DiagnosisCounters.COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// Two first numbers of a year at once: the other one created the counter.
			counter = this.mongo.findAndModify(query, increment, options, Document.class, DiagnosisCounters.COLLECTION);
		}
		return "AP-%d-%06d".formatted(year, ((Number) counter.get("last")).longValue());
	}

}
