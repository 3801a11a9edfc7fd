package com.accesspath.gateway.clientaddress;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTests {

	@Test
	void addressesAndRangesOfBothFamilies() {
		TrustedProxies proxies = TrustedProxies
			.of(List.of("10.0.0.0/8", "192.168.1.7", " 172.16.0.0/12 ", "fd00::/8", "::1", ""));
		assertThat(proxies.contains("10.255.1.2")).isTrue();
		assertThat(proxies.contains("11.0.0.1")).isFalse();
		assertThat(proxies.contains("192.168.1.7")).isTrue();
		assertThat(proxies.contains("192.168.1.8")).isFalse();
		assertThat(proxies.contains("172.31.255.255")).isTrue();
		assertThat(proxies.contains("172.32.0.0")).isFalse();
		assertThat(proxies.contains("fd12:3456::1")).isTrue();
		assertThat(proxies.contains("fe80::1")).isFalse();
		assertThat(proxies.contains("::1")).isTrue();
		// IPv4-mapped IPv6 is the IPv4 address.
		assertThat(proxies.contains("::ffff:10.1.1.1")).isTrue();
	}

	@Test
	void namesAndGarbageAreNeverTrustedNorResolved() {
		TrustedProxies proxies = TrustedProxies.of(List.of("0.0.0.0/0"));
		assertThat(proxies.contains("203.0.113.1")).isTrue();
		assertThat(proxies.contains("localhost")).isFalse();
		assertThat(proxies.contains("unknown")).isFalse();
		assertThat(proxies.contains("")).isFalse();
		assertThat(proxies.contains("1.2.3.4.5")).isFalse();
	}

	@Test
	void nobodyByDefault() {
		assertThat(TrustedProxies.of(List.of()).isEmpty()).isTrue();
		assertThat(TrustedProxies.of(List.of()).contains("127.0.0.1")).isFalse();
	}

	@Test
	void aTypoFailsTheStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")));
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("lb.internal")));
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x")));
	}

}
