package com.accesspath.leads.contact;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/contact}. */
class ContactIntegrationTests extends LeadsIntegrationTest {

	@Nested
	class Submissions {

		@Test
		void contactBecomesANewLeadAndAReplayCreatesNothing() throws Exception {
			String body = "{\"name\": \"王芳\", \"company\": \"某银行\", \"email\": \"wang@example.com\", \"message\": \"想了解私有化部署\", \"consent\": true}";
			String first = mvc
				.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
					.content(body)
					.header("Idempotency-Key", "c-1"))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String replay = mvc
				.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
					.content(body)
					.header("Idempotency-Key", "c-1"))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(JsonPath.<String>read(replay, "$.id")).isEqualTo(JsonPath.read(first, "$.id"));
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.items", hasSize(1)))
				.andExpect(jsonPath("$.items[0].type").value("CONTACT"))
				.andExpect(jsonPath("$.items[0].status").value("NEW"))
				.andExpect(jsonPath("$.items[0].submissions").value(1))
				.andExpect(jsonPath("$.items[0].contact.email").value("w***@example.com"));
		}

		@Test
		void aReplayWithAnotherBodyIs422AndDisclosesNothingOfTheFirstAnswer() throws Exception {
			String body = "{\"name\": \"王芳\", \"company\": \"某银行\", \"email\": \"wang@example.com\", \"message\": \"想了解私有化部署\", \"consent\": true}";
			String first = contact(body, "c-2").andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String refused = contact(body.replace("私有化部署", "价格"), "c-2").andExpect(status().is(422))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(refused).doesNotContain(JsonPath.<String>read(first, "$.id"), "王芳", "某银行");
			assertThat(all("leads").get(0).getList("submissions", Document.class)).hasSize(1);
		}

	}

	@Nested
	class BadInput {

		@Test
		void contactNeedsPhoneOrEmailAndConsent() throws Exception {
			mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"王\", \"company\": \"某公司\", \"message\": \"你好\", \"consent\": true}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("phone"));
			mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
				.content(
						"{\"name\": \"王\", \"company\": \"某公司\", \"email\": \"w@example.com\", \"message\": \"你好\", \"consent\": false}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("consent"));
			assertThat(count("leads")).isZero();
		}

	}

}
