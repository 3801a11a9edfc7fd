package com.accesspath.gateway.directproxy;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import com.accesspath.gateway.clientaddress.ClientAddressResolver.ClientAddress;

import static org.assertj.core.api.Assertions.assertThat;

class DirectWritesWebFilterTests {

	static boolean sameOrigin(String origin, String host, ClientAddress client) {
		MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.post("http://" + host + "/api/views")
			.header("Host", host);
		if (origin != null) {
			request.header("Origin", origin);
		}
		return DirectWritesWebFilter.isSameOrigin(request.build(), client);
	}

	@Test
	void theSitesOwnOriginIsSameOriginBehindATlsLoadBalancer() {
		ClientAddress viaLoadBalancer = new ClientAddress("203.0.113.7", "https", null, true);
		assertThat(sameOrigin("https://www.accesspath.cn", "www.accesspath.cn", viaLoadBalancer)).isTrue();
		assertThat(sameOrigin("https://www.accesspath.cn:443", "www.accesspath.cn", viaLoadBalancer)).isTrue();
		assertThat(sameOrigin("http://www.accesspath.cn", "www.accesspath.cn", viaLoadBalancer)).isFalse();
		assertThat(sameOrigin(null, "www.accesspath.cn", viaLoadBalancer)).isTrue();
	}

	@Test
	void anotherHostPortOrGarbageIsNot() {
		ClientAddress direct = new ClientAddress("127.0.0.1", "http", null, false);
		assertThat(sameOrigin("http://localhost:8080", "localhost:8080", direct)).isTrue();
		assertThat(sameOrigin("http://localhost:5173", "localhost:8080", direct)).isFalse();
		assertThat(sameOrigin("https://evil.example", "localhost:8080", direct)).isFalse();
		assertThat(sameOrigin("null", "localhost:8080", direct)).isFalse();
		assertThat(sameOrigin("http://[bad", "localhost:8080", direct)).isFalse();
	}

}
