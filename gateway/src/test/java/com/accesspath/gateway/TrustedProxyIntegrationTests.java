package com.accesspath.gateway;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy (here: loopback, where the tests connect from) the client is the
 * nearest hop of {@code X-Forwarded-For} that is not itself trusted: what the proxy saw,
 * not what the client wrote before it.
 */
@TestPropertySource(properties = "accesspath.gateway.trusted-proxies=127.0.0.0/8, ::1, 10.0.0.0/8")
class TrustedProxyIntegrationTests extends GatewayTestSupport {

	@Test
	void theNearestUntrustedHopIsTheClientAndTheOnlyAddressTheServiceIsTold() throws Exception {
		leads.answer("POST /api/diagnosis", 201, "{\"id\":\"x\"}");
		send(post("/api/diagnosis", "{}").header("X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.1.2.3")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "www.accesspath.cn")
			.header("Forwarded", "for=192.0.2.99"));
		Headers seen = leads.lastHeaders("POST /api/diagnosis");
		assertThat(seen.get("X-Forwarded-For")).containsExactly("203.0.113.7");
		assertThat(seen.get("X-Forwarded-Proto")).containsExactly("https");
		assertThat(seen.get("X-Forwarded-Host")).containsExactly("www.accesspath.cn");
		assertThat(seen.containsKey("Forwarded")).isFalse();
	}

	@Test
	void eachClientBehindTheProxyHasItsOwnLimitAndCannotChooseIt() throws Exception {
		leads.answer("POST /api/contact", 201, "{\"id\":\"x\"}");
		for (int i = 0; i < 3; i++) {
			assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "203.0.113.7")).statusCode())
				.isEqualTo(201);
		}
		assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "203.0.113.7")).statusCode())
			.isEqualTo(429);
		// What the client wrote in front of the proxy's entry changes nothing.
		assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "192.0.2.1, 203.0.113.7")).statusCode())
			.isEqualTo(429);
		assertThat(send(post("/api/contact", "{}").header("Forwarded", "for=192.0.2.2")
			.header("X-Forwarded-For", "203.0.113.7")).statusCode()).isEqualTo(429);
		// Another client behind the same proxy is not limited by the first.
		assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "203.0.113.8")).statusCode())
			.isEqualTo(201);
		assertThat(leads.calls("POST /api/contact")).isEqualTo(4);
	}

	@Test
	void anIpv6ClientIsToldAsItselfAndLimitedByItsNetwork() throws Exception {
		leads.answer("POST /api/contact", 201, "{\"id\":\"x\"}");
		for (int i = 0; i < 3; i++) {
			assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "2001:db8:1:2::7")).statusCode())
				.isEqualTo(201);
		}
		assertThat(leads.lastHeaders("POST /api/contact").get("X-Forwarded-For")).containsExactly("2001:db8:1:2::7");
		// Another address of the same /64 is the same subscriber: no fresh limit.
		assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "2001:db8:1:2::8")).statusCode())
			.isEqualTo(429);
		assertThat(send(post("/api/contact", "{}").header("X-Forwarded-For", "2001:db8:1:3::7")).statusCode())
			.isEqualTo(201);
	}

}
