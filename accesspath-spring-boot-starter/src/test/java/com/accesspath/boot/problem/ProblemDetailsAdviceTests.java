package com.accesspath.boot.problem;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	@Test
	void every503SaysWhenToComeBackWhateverRaisedIt() throws Exception {
		this.mvc.perform(get("/unavailable"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", Problems.RETRY_AFTER_SECONDS))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://accesspath.cn/problems/503"));
		this.mvc.perform(get("/database"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", Problems.RETRY_AFTER_SECONDS))
			.andExpect(jsonPath("$.type").value("https://accesspath.cn/problems/503"));
	}

	@Test
	void otherErrorsKeepTheirTypeWithoutRetryAfter() throws Exception {
		this.mvc.perform(get("/conflict"))
			.andExpect(status().isConflict())
			.andExpect(header().doesNotExist("Retry-After"))
			.andExpect(jsonPath("$.type").value("https://accesspath.cn/problems/409"));
	}

	@RestController
	static class Failing {

		@GetMapping("/unavailable")
		String unavailable() {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Not now.");
		}

		@GetMapping("/database")
		String database() {
			throw new DataAccessResourceFailureException("down");
		}

		@GetMapping("/conflict")
		String conflict() {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "No.");
		}

	}

}
