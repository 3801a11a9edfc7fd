package com.accesspath.ranking.view;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pure parts of recording a view: which bodies are JSON, and how a visitor is hashed.
 */
class ViewEndpointTests {

	@Test
	void jsonIsApplicationJsonOrAnyPlusJsonTypeWithParameters() {
		assertThat(ViewEndpoint.isJson("application/json")).isTrue();
		assertThat(ViewEndpoint.isJson("Application/JSON; charset=UTF-8")).isTrue();
		assertThat(ViewEndpoint.isJson("application/vnd.api+json")).isTrue();
		assertThat(ViewEndpoint.isJson("text/plain")).isFalse();
		assertThat(ViewEndpoint.isJson("text/json")).isFalse();
		assertThat(ViewEndpoint.isJson(null)).isFalse();
	}

	@Test
	void aVisitorIsHashedToTwentyFourHexDigits() {
		assertThat(ViewRecorder.visitorKey("id:v")).matches("[0-9a-f]{24}").isEqualTo(ViewRecorder.visitorKey("id:v"));
		assertThat(ViewRecorder.visitorKey("id:w")).isNotEqualTo(ViewRecorder.visitorKey("id:v"));
	}

}
