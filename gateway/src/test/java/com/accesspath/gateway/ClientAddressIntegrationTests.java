package com.accesspath.gateway;

import java.net.http.HttpResponse;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no trusted proxies (the default) the connecting address is the client, whatever
 * its headers claim: a spoofed {@code X-Forwarded-For} or {@code Forwarded} neither
 * escapes a limit nor reaches a service.
 */
class ClientAddressIntegrationTests extends GatewayTestSupport {

	@Test
	void spoofedForwardingHeadersDoNotEscapeALimit() throws Exception {
		leads.answer("POST /api/contact", 201, "{\"id\":\"x\"}");
		for (int i = 0; i < 3; i++) {
			assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(201);
		}
		assertThat(send(post("/api/contact", "{}")).statusCode()).isEqualTo(429);
		assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "203.0.113.9")).statusCode())
			.isEqualTo(429);
		assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "203.0.113.10, 127.0.0.1")).statusCode())
			.isEqualTo(429);
		assertThat(send(post("/api/contact", "{}").header("Forwarded", "for=198.51.100.3")).statusCode())
			.isEqualTo(429);
		assertThat(send(post("/api/contact", "{}").header("X-Real-IP", "198.51.100.4")).statusCode()).isEqualTo(429);
		assertThat(leads.calls("POST /api/contact")).isEqualTo(3);
	}

	@Test
	void servicesAreToldTheConnectingAddressAndNothingTheClientClaimed() throws Exception {
		leads.answer("POST /api/diagnosis", 201, "{\"id\":\"x\"}");
		HttpResponse<String> response = send(post("/api/diagnosis", "{}").header("X-Forwarded-For", "203.0.113.9")
			.header("Forwarded", "for=198.51.100.3;host=evil.example;proto=https")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.header("X-Real-IP", "198.51.100.4"));
		assertThat(response.statusCode()).isEqualTo(201);
		Headers seen = leads.lastHeaders("POST /api/diagnosis");
		assertThat(seen.get("X-Forwarded-For")).containsExactly("127.0.0.1");
		assertThat(seen.get("X-Forwarded-Proto")).containsExactly("http");
		assertThat(seen.containsKey("Forwarded")).isFalse();
		assertThat(seen.containsKey("X-Forwarded-Host")).isFalse();
		assertThat(seen.containsKey("X-Forwarded-Port")).isFalse();
		assertThat(seen.containsKey("X-Real-ip")).isFalse();
	}

	@Test
	void viewsAreDeduplicatedOnTheConnectingAddress() throws Exception {
		ranking.answer("POST /api/views", 202, "{\"counted\":true}");
		send(post("/api/views", "{\"articleId\":\"a\"}").header("X-Forwarded-For", "203.0.113.77"));
		assertThat(ranking.lastHeaders("POST /api/views").get("X-Forwarded-For")).containsExactly("127.0.0.1");
	}

}
