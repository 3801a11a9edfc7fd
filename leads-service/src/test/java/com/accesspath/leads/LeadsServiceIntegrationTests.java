package com.accesspath.leads;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What every service must do: health with the Mongo ping, problem+json for unknown paths,
 * breaker metrics.
 */
class LeadsServiceIntegrationTests extends LeadsIntegrationTest {

	@Nested
	class Platform {

		@Autowired
		MeterRegistry meters;

		@Test
		void healthIncludesTheMongoPingAndUnknownPathsAre404Problems() throws Exception {
			mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.components.mongo.status").value("UP"));
			mvc.perform(get("/api/nothing"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

		@Test
		void theWeComBreakerIsInTheRegistryWithMetrics() {
			assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "wecom").gauges()).isNotEmpty();
		}

	}

}
