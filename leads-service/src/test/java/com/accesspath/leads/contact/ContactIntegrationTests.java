package com.accesspath.leads.contact;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
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

		@ParameterizedTest
		@ValueSource(strings = { "\"consent\": \"true\"|consent", "\"consent\": 1|consent",
				"\"consent\": 12345|consent", "\"name\": 12345|name", "\"company\": 12345|company",
				"\"company\": false|company", "\"message\": 1.5|message" })
		void aLooseTypeIs400NamingTheFieldAndStoresNothing(String replacementAndField) throws Exception {
			String[] parts = replacementAndField.split("\\|");
			String body = switch (parts[1]) {
				case "consent" -> VALID.replace("\"consent\": true", parts[0]);
				case "name" -> VALID.replace("\"name\": \"王芳\"", parts[0]);
				case "company" -> VALID.replace("\"company\": \"某银行\"", parts[0]);
				case "message" -> VALID.replace("\"message\": \"想了解私有化部署\"", parts[0]);
				default -> throw new IllegalArgumentException(parts[1]);
			};
			assertThat(body).contains(parts[0]);
			contact(body, null).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field").value(hasItem(parts[1])));
			assertThat(count("leads")).isZero();
			assertThat(wecom.received()).isEmpty();
		}

		@Test
		void aNulCharacterIs400AndStoresNothing() throws Exception {
			contact(VALID.replace("想了解私有化部署", "想了解\\u0000部署"), null).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("message"));
			assertThat(count("leads")).isZero();
		}

	}

	private static final String VALID = "{\"name\": \"王芳\", \"company\": \"某银行\", \"email\": \"wang@example.com\", \"message\": \"想了解私有化部署\", \"consent\": true}";

}
