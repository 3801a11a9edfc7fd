package com.accesspath.boot.json;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.boot.problem.ProblemDetailsAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ExactJsonTests {

	enum Colour {

		RED, GREEN

	}

	record Company(String name, Integer employees) {
	}

	record Body(String name, Boolean consent, boolean flag, Integer count, int small, Long big, Double ratio,
			Colour colour, Company company, List<String> tags, Map<String, Integer> answers, Map<String, Object> free,
			java.time.Instant at, java.time.LocalDate day) {
	}

	private static final JsonMapper strict = ExactJson.configure(JsonMapper.builder()).build();

	private static Body read(String json) {
		return strict.readValue(json, Body.class);
	}

	private static String pathOf(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static void refused(String json, String field) {
		assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> read(json))
			.satisfies(ex -> assertThat(pathOf(ex)).isEqualTo(field));
	}

	@Test
	void exactTypesAreRead() {
		Body body = read("""
				{"name": "甲公司\\t\\n\\r", "consent": true, "flag": false, "count": 3, "small": -1,
				 "big": 12345678901, "ratio": 2, "colour": "GREEN", "company": {"name": "乙", "employees": 5},
				 "tags": ["a"], "answers": {"q1": 4}, "free": {"k": "v", "n": 1.5}}""");
		assertThat(body.name()).isEqualTo("甲公司\t\n\r");
		assertThat(body.consent()).isTrue();
		assertThat(body.ratio()).isEqualTo(2.0);
		assertThat(body.colour()).isEqualTo(Colour.GREEN);
		assertThat(body.free()).containsEntry("n", 1.5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"true\"", "\"false\"", "1", "0", "12345", "1.0", "\"\"", "\"yes\"" })
	void aBooleanIsTrueOrFalseOnly(String value) {
		refused("{\"consent\": " + value + "}", "consent");
		refused("{\"flag\": " + value + "}", "flag");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "12345", "1.5", "true" })
	void textTakesJsonStringsOnly(String value) {
		refused("{\"name\": " + value + "}", "name");
		refused("{\"company\": {\"name\": " + value + "}}", "company.name");
		refused("{\"tags\": [\"a\", " + value + "]}", "tags[1]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"3\"", "3.5", "3.0", "true", "\"\"" })
	void anIntegerIsAJsonInteger(String value) {
		refused("{\"count\": " + value + "}", "count");
		refused("{\"small\": " + value + "}", "small");
		refused("{\"big\": " + value + "}", "big");
		refused("{\"answers\": {\"q1\": " + value + "}}", "answers.q1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"2.5\"", "true", "\"\"" })
	void aNumberIsAJsonNumber(String value) {
		refused("{\"ratio\": " + value + "}", "ratio");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1733000000", "1733000000.5", "true", "[2026, 12, 3]" })
	void aTimeIsAnIso8601String(String value) {
		refused("{\"at\": " + value + "}", "at");
		refused("{\"day\": " + value + "}", "day");
		assertThat(
				read("{\"at\": \"2026-12-03T08:00:00Z\", \"day\": \"2026-12-03\", \"small\": 0, \"flag\": false}").at())
			.isEqualTo(java.time.Instant.parse("2026-12-03T08:00:00Z"));
		assertThat(read("{\"at\": null, \"small\": 0, \"flag\": false}").at()).isNull();
	}

	@Test
	void anEnumIsOneOfItsNamesNotItsPosition() {
		refused("{\"colour\": 1}", "colour");
		refused("{\"colour\": \"BLUE\"}", "colour");
	}

	@Test
	void nullForAPrimitiveIsRefused() {
		refused("{\"small\": null}", "small");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\u0000", "\\u0001", "\\u0008", "\\u000b", "\\u000c", "\\u001b", "\\u001f", "\\u007f",
			"\u007f" })
	void controlCharactersAreRefusedInEveryString(String control) {
		assertThatExceptionOfType(ControlCharacterException.class)
			.isThrownBy(() -> read("{\"name\": \"a" + control + "b\"}"))
			.satisfies(ex -> assertThat(pathOf(ex)).isEqualTo("name"));
		refused("{\"company\": {\"name\": \"" + control + "\"}}", "company.name");
		refused("{\"tags\": [\"ok\", \"" + control + "\"]}", "tags[1]");
		refused("{\"free\": {\"k\": \"" + control + "\"}}", "free.k");
		refused("{\"answers\": {\"q" + control + "\": 1}}", "answers");
	}

	@Test
	void theServicesMapperIsStrict() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ExactJsonAutoConfiguration.class))
			.run(context -> {
				JsonMapper mapper = context.getBean(JsonMapper.class);
				assertThatExceptionOfType(DatabindException.class)
					.isThrownBy(() -> mapper.readValue("{\"consent\": \"true\"}", Body.class));
				assertThatExceptionOfType(DatabindException.class)
					.isThrownBy(() -> mapper.readValue("{\"name\": 12345}", Body.class));
				assertThatExceptionOfType(ControlCharacterException.class)
					.isThrownBy(() -> mapper.readValue("{\"name\": \"\\u0000\"}", Body.class));
			});
	}

	@Test
	void aLooseTypeOrAControlCharacterIsA400ProblemNamingTheField() throws Exception {
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new Echo())
			.setControllerAdvice(new ProblemDetailsAdvice())
			.setMessageConverters(new JacksonJsonHttpMessageConverter(ExactJson.configure(JsonMapper.builder())
				.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
				.build()))
			.build();
		mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"consent\": \"true\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[0].field").value("consent"));
		mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
			.content("{\"company\": {\"name\": \"a\\u0000b\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("company.name"))
			.andExpect(jsonPath("$.errors[0].message").value(ControlCharacterException.MESSAGE));
		mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"ok\", \"flag\": true, \"small\": 1}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("ok"));
	}

	@RestController
	static class Echo {

		@PostMapping("/echo")
		Body echo(@RequestBody Body body) {
			return body;
		}

	}

}
