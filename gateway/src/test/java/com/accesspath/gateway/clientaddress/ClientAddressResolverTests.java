package com.accesspath.gateway.clientaddress;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import com.accesspath.gateway.clientaddress.ClientAddressResolver.ClientAddress;
import com.accesspath.gateway.config.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressResolverTests {

	static ClientAddressResolver resolver(String header, String... trusted) {
		return new ClientAddressResolver(new GatewayProperties(List.of(), List.of(trusted), header, Map.of(), Map.of(),
				new GatewayProperties.RetryBudgetSettings(0.1, 10), new GatewayProperties.Direct(Map.of(), List.of()),
				64));
	}

	static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
		return MockServerHttpRequest.get("http://gateway/api/views").remoteAddress(new InetSocketAddress(peer, 40000));
	}

	@Test
	void anUntrustedPeerIsTheClientWhateverItSays() {
		ClientAddress client = resolver("X-Forwarded-For", "10.0.0.0/8")
			.decide(from("203.0.113.5").header("X-Forwarded-For", "198.51.100.1")
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "evil.example")
				.build());
		assertThat(client).isEqualTo(new ClientAddress("203.0.113.5", "http", null, false));
	}

	@Test
	void withNoTrustedProxiesEvenLoopbackIsTheClient() {
		ClientAddress client = resolver("X-Forwarded-For")
			.decide(from("127.0.0.1").header("X-Forwarded-For", "198.51.100.1").build());
		assertThat(client.address()).isEqualTo("127.0.0.1");
	}

	@Test
	void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
		ClientAddressResolver resolver = resolver("X-Forwarded-For", "10.0.0.0/8");
		assertThat(resolver.decide(from("10.0.0.2").header("X-Forwarded-For", "1.1.1.1, 203.0.113.7, 10.0.0.9").build())
			.address()).isEqualTo("203.0.113.7");
		// Several header lines are one list, in order.
		assertThat(resolver.decide(
				from("10.0.0.2").header("X-Forwarded-For", "1.1.1.1").header("X-Forwarded-For", "203.0.113.8").build())
			.address()).isEqualTo("203.0.113.8");
		// Only trusted hops: the farthest of them.
		assertThat(resolver.decide(from("10.0.0.2").header("X-Forwarded-For", "10.9.9.9, 10.0.0.3").build()).address())
			.isEqualTo("10.9.9.9");
		// No header: the proxy itself.
		assertThat(resolver.decide(from("10.0.0.2").build()).address()).isEqualTo("10.0.0.2");
	}

	@Test
	void garbageStopsTheWalkAtTheLastAddressKnown() {
		ClientAddressResolver resolver = resolver("X-Forwarded-For", "10.0.0.0/8");
		assertThat(resolver.decide(from("10.0.0.2").header("X-Forwarded-For", "203.0.113.1, unknown, 10.0.0.5").build())
			.address()).isEqualTo("10.0.0.5");
		assertThat(resolver.decide(from("10.0.0.2").header("X-Forwarded-For", "evil.example").build()).address())
			.isEqualTo("10.0.0.2");
	}

	@Test
	void portsBracketsAndIpv6AreNormalised() {
		ClientAddressResolver resolver = resolver("X-Forwarded-For", "10.0.0.0/8");
		assertThat(resolver.decide(from("10.0.0.2").header("X-Forwarded-For", "203.0.113.1:5555").build()).address())
			.isEqualTo("203.0.113.1");
		assertThat(resolver.decide(from("10.0.0.2").header("X-Forwarded-For", "[2001:DB8::1]:4711").build()).address())
			.isEqualTo("2001:db8::1");
		assertThat(resolver.decide(from("10.0.0.2").header("X-Forwarded-For", "2001:db8:0:0::1").build()).address())
			.isEqualTo("2001:db8::1");
	}

	@Test
	void theHeaderNotConfiguredIsNeverBelieved() {
		ClientAddressResolver xff = resolver("X-Forwarded-For", "10.0.0.0/8");
		assertThat(xff.decide(from("10.0.0.2").header("Forwarded", "for=198.51.100.1").build()).address())
			.isEqualTo("10.0.0.2");
		ClientAddressResolver standard = resolver("Forwarded", "10.0.0.0/8");
		assertThat(standard.decide(from("10.0.0.2").header("X-Forwarded-For", "198.51.100.1").build()).address())
			.isEqualTo("10.0.0.2");
		ClientAddress client = standard.decide(from("10.0.0.2")
			.header("Forwarded", "for=192.0.2.1, for=\"[2001:db8:cafe::17]:4711\";proto=https;host=www.accesspath.cn")
			.build());
		assertThat(client).isEqualTo(new ClientAddress("2001:db8:cafe::17", "https", "www.accesspath.cn", true));
	}

	@Test
	void aProtoOtherThanHttpOrHttpsIsIgnored() {
		ClientAddress client = resolver("X-Forwarded-For", "10.0.0.0/8")
			.decide(from("10.0.0.2").header("X-Forwarded-For", "203.0.113.1")
				.header("X-Forwarded-Proto", "javascript")
				.build());
		assertThat(client.proto()).isEqualTo("http");
	}

	@Test
	void anUnknownHeaderNameFailsTheStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> resolver("X-Client-IP"));
	}

}
