package com.accesspath.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimitsTests {

	@Test
	void ipv4AddressesAreTheirOwnKeyIpv6OnesTheirSlash64() {
		assertThat(ClientRateLimits.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(ClientRateLimits.limitKey("2001:db8:1:2::7")).isEqualTo("2001:db8:1:2::/64");
		assertThat(ClientRateLimits.limitKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
		assertThat(ClientRateLimits.limitKey("2001:db8:1:3::7"))
			.isNotEqualTo(ClientRateLimits.limitKey("2001:db8:1:2::7"));
	}

}
