package com.accesspath.newsletter;

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

/** The platform basics of newsletter-service against real MongoDB-protocol and Redis servers. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "newsletter-test")
class NewsletterServiceIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void empty() {
		this.mongo.dropCollection("subscribers");
		this.mongo.dropCollection("wechatFollowers");
	}

	@Test
	void statsAreCountedFromStoredData() throws Exception {
		this.mongo.insert(new Document("status", "CONFIRMED"), "subscribers");
		this.mongo.insert(new Document("status", "CONFIRMED"), "subscribers");
		this.mongo.insert(new Document("status", "PENDING"), "subscribers");
		this.mongo.insert(new Document("status", "FOLLOWING"), "wechatFollowers");
		this.mvc.perform(get("/api/admin/newsletter/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.confirmed").value(2))
			.andExpect(jsonPath("$.pending").value(1))
			.andExpect(jsonPath("$.unsubscribed").value(0))
			.andExpect(jsonPath("$.wechatFollowers").value(1));
	}

	@Test
	void adminNeedsAnEditorToken() throws Exception {
		this.mvc.perform(get("/api/admin/newsletter/stats")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/admin/newsletter/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("SALES")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void healthIsUpWithMongoAndRedis() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.components.mongo.status").value("UP"))
			.andExpect(jsonPath("$.components.redis.status").value("UP"));
	}

}
