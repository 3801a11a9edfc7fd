package com.accesspath.leads.diagnosis;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The industry averages come from sums kept in the counters: rebuilt from the stored
 * diagnoses, and added once to counters an earlier version wrote.
 */
class BenchmarkCountersIntegrationTests extends LeadsIntegrationTest {

	@Autowired
	DiagnosisCounters counters;

	private void submitRetail(int value) throws Exception {
		submit(diagnosis("retail", answersAll(value), "{\"name\": \"客户\", \"email\": \"p" + value + "@example.com\"}"),
				null)
			.andExpect(status().isCreated());
	}

	@Test
	void theAveragesSurviveRebuildingTheCountersFromTheStoredDiagnoses() throws Exception {
		for (int value = 1; value <= 5; value++) {
			submitRetail(value);
		}
		mongo.remove(new Query(), "diagnosisStats");
		counters.buildIfMissing();
		// 0, 25, 50, 75, 100 in every dimension.
		submit(diagnosis("retail", answersAll(3), ZHANG), null)
			.andExpect(jsonPath("$.report.industryAverage[*].score").value(contains(50, 50, 50, 50, 50, 50)));
	}

	@Test
	void countersOfAnEarlierVersionAreRebuiltOnceWithTheSums() throws Exception {
		for (int value = 1; value <= 5; value++) {
			submitRetail(value);
		}
		// As the previous version wrote them: no schema, no sums.
		mongo.getCollection("diagnosisStats")
			.updateOne(new Document("_id", "diagnoses"),
					new Document("$unset", new Document("schema", "").append("industries.retail.dimensionSums", "")));
		counters.buildIfMissing();
		Document rebuilt = mongo.findById("diagnoses", Document.class, "diagnosisStats");
		Document retail = rebuilt.get("industries", Document.class).get("retail", Document.class);
		assertThat(((Number) retail.get("count")).longValue()).isEqualTo(5);
		assertThat(((Number) retail.get("dimensionSums", Document.class).get("data")).longValue()).isEqualTo(250);
		submit(diagnosis("retail", answersAll(3), ZHANG), null)
			.andExpect(jsonPath("$.report.industryAverage[*].score").value(contains(50, 50, 50, 50, 50, 50)));
	}

}
