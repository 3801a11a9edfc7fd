package com.accesspath.leads;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.RealDatabases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The platform basics of leads-service against a real MongoDB-protocol server. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "leads-test")
class LeadsServiceIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void empty() {
		this.mongo.dropCollection("diagnoses");
	}

	@Test
	void diagnosisCounterCountsStoredDiagnoses() throws Exception {
		this.mvc.perform(get("/api/diagnosis/stats")).andExpect(jsonPath("$.completed").value(0));
		this.mongo.insert(new Document("company", "甲"), "diagnoses");
		this.mongo.insert(new Document("company", "乙"), "diagnoses");
		this.mvc.perform(get("/api/diagnosis/stats")).andExpect(jsonPath("$.completed").value(2));
	}

	@Test
	void adminNeedsASalesToken() throws Exception {
		this.mvc.perform(get("/api/admin/leads"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("EDITOR")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void unknownPathIsA404Problem() throws Exception {
		this.mvc.perform(get("/api/nothing"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void healthIncludesTheMongoPing() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.mongo.status").value("UP"));
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
	}

}
