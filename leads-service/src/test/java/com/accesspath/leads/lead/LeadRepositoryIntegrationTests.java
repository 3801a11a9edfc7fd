package com.accesspath.leads.lead;

import java.util.Arrays;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The leads collection's indexes, as created at start, and its look-ups. */
class LeadRepositoryIntegrationTests extends LeadsIntegrationTest {

	@Autowired
	LeadRepository leads;

	@Test
	void oneSubmissionCanBelongToOneLeadOnly() {
		assertThat(mongo.indexOps("leads").getIndexInfo())
			.filteredOn(index -> index.getName().equals(LeadRepository.SUBMISSION_INDEX))
			.singleElement()
			.satisfies(index -> assertThat(index.isUnique()).isTrue());
		mongo.insert(lead("s-1", "s-2"), "leads");
		// Another lead for a submission that already has one is refused by the server,
		// whether it is inserted or pushed.
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> mongo.insert(lead("s-3", "s-2"), "leads"));
		Document other = lead("s-3");
		mongo.insert(other, "leads");
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> mongo.updateFirst(Query.query(Criteria.where("_id").is(other.get("_id"))),
					new Update().push("submissions", new Document("_id", "s-1")), "leads"));
		assertThat(count("leads")).isEqualTo(2);
	}

	@Test
	void aSubmissionIsFoundByTheIdItWasAcceptedWith() throws Exception {
		String diagnosisId = JsonPath
			.read(submit(diagnosis("finance", answersAll(3), ZHANG), null).andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.id");
		assertThat(leads.findBySubmission(diagnosisId)).get().extracting(Lead::id).isEqualTo(onlyLeadId());
		assertThat(leads.findBySubmission("000000000000000000000000")).isEmpty();
		assertThat(leads.findBySubmission("not-an-object-id")).isEmpty();
		// Adding it again to its lead changes nothing.
		Lead lead = leads.findBySubmission(diagnosisId).orElseThrow();
		assertThat(leads.addSubmission(lead.id(), lead.submissions().get(0), new Update())).isFalse();
		assertThat(leads.findById(lead.id()).orElseThrow().submissions()).hasSize(1);
	}

	@Test
	void leadsStoredTwiceBeforeTheIndexDoNotStopTheService() {
		mongo.indexOps("leads").dropIndex(LeadRepository.SUBMISSION_INDEX);
		try {
			mongo.insert(lead("twice"), "leads");
			mongo.insert(lead("twice"), "leads");
			// The start-up's index creation reports them and goes on.
			leads.afterPropertiesSet();
			assertThat(mongo.count(Query.query(Criteria.where("submissions._id").is("twice")), "leads")).isEqualTo(2);
		}
		finally {
			mongo.remove(Query.query(Criteria.where("submissions._id").is("twice")), "leads");
			leads.afterPropertiesSet();
		}
		assertThat(mongo.indexOps("leads").getIndexInfo())
			.anySatisfy(index -> assertThat(index.getName()).isEqualTo(LeadRepository.SUBMISSION_INDEX));
	}

	/** A lead as stored: Spring Data keeps a submission's {@code id} as {@code _id}. */
	private static Document lead(String... submissionIds) {
		return new Document("type", "DIAGNOSIS").append("submissions",
				Arrays.stream(submissionIds).map(id -> new Document("_id", id)).toList());
	}

}
