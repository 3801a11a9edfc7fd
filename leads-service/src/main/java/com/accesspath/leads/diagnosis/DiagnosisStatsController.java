package com.accesspath.leads.diagnosis;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The "已有 N 企业完成诊断" counter: counted from the stored diagnoses, never a constant. */
@RestController
class DiagnosisStatsController {

	static final String DIAGNOSES = "diagnoses";

	record DiagnosisStats(long completed) {
	}

	private final MongoTemplate mongo;

	DiagnosisStatsController(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@GetMapping("/api/diagnosis/stats")
	DiagnosisStats stats() {
		return new DiagnosisStats(this.mongo.count(new Query(), DIAGNOSES));
	}

}
