package com.accesspath.gateway.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionVaryWebFilterTests {

	private final CompressionVaryWebFilter filter = new CompressionVaryWebFilter(true,
			List.of("text/html", "application/json"));

	private HttpHeaders answer(String type, String... vary) {
		HttpHeaders headers = new HttpHeaders();
		if (type != null) {
			headers.set(HttpHeaders.CONTENT_TYPE, type);
		}
		for (String value : vary) {
			headers.add(HttpHeaders.VARY, value);
		}
		this.filter.addVary(headers);
		return headers;
	}

	@Test
	void compressibleAnswersVaryOnAcceptEncodingBesideWhatTheyAlreadyVaryOn() {
		assertThat(answer("text/html;charset=UTF-8").get(HttpHeaders.VARY)).containsExactly("Accept-Encoding");
		assertThat(answer("application/json", "Origin, Access-Control-Request-Method", "Accept").get(HttpHeaders.VARY))
			.containsExactly("Origin", "Access-Control-Request-Method", "Accept", "Accept-Encoding");
		assertThat(answer("application/json", "accept-encoding").get(HttpHeaders.VARY))
			.containsExactly("accept-encoding");
		assertThat(answer("application/json", "*").get(HttpHeaders.VARY)).containsExactly("*");
	}

	@Test
	void answersNeverCompressedAreLeftAlone() {
		assertThat(answer("image/png").get(HttpHeaders.VARY)).isNull();
		assertThat(answer(null).get(HttpHeaders.VARY)).isNull();
		assertThat(answer("not a type").get(HttpHeaders.VARY)).isNull();
	}

}
