package com.accesspath.newsletter.bounce;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BounceAddressesTests {

	static final String TAG = "0123456789abcdef0123456789abcdef";

	static BounceAddresses addresses(String returnPath) {
		return new BounceAddresses(
				new BounceProperties(returnPath, "", Duration.ofMinutes(1), "", 3, Duration.ofDays(14)));
	}

	final BounceAddresses addresses = addresses("bounces@AccessPath.local");

	@Test
	void eachTagGetsItsOwnReturnPathAndItParsesBack() {
		String returnPath = this.addresses.returnPathFor(TAG).orElseThrow();
		assertThat(returnPath).isEqualTo("bounces+" + TAG + "@accesspath.local");
		assertThat(this.addresses.tagOf(returnPath)).contains(TAG);
	}

	@Test
	void theDomainMatchesInAnyCase() {
		assertThat(this.addresses.tagOf("bounces+" + TAG + "@ACCESSPATH.Local")).contains(TAG);
		assertThat(this.addresses.tagOf(" bounces+" + TAG + "@accesspath.local ")).contains(TAG);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bounces@accesspath.local", "bounces+@accesspath.local",
			"bounces+0123456789abcdef0123456789abcde@accesspath.local",
			"bounces+0123456789abcdef0123456789abcdef0@accesspath.local",
			"bounces+0123456789ABCDEF0123456789ABCDEF@accesspath.local",
			"bounces+0123456789abcdef0123456789abcdeg@accesspath.local",
			"bounces+0123456789abcdef0123456789abcdef@accesspath.local.evil.example",
			"bounces+0123456789abcdef0123456789abcdef@evil.example",
			"xbounces+0123456789abcdef0123456789abcdef@accesspath.local",
			"Bounces+0123456789abcdef0123456789abcdef@accesspath.local",
			"bounces+0123456789abcdef0123456789abcdef+x@accesspath.local",
			"bounces+0123456789abcdef0123456789abcdef@accesspath.local@evil.example",
			"bounces+0123456789abcdef0123456789abcdef", "", "@",
			"bounces+\u00000123456789abcdef0123456789abcde@accesspath.local" })
	void anythingElseHasNoTag(String address) {
		assertThat(this.addresses.tagOf(address)).isEmpty();
	}

	@Test
	void withoutAReturnPathThereIsNoVerp() {
		BounceAddresses off = addresses("");
		assertThat(off.returnPathFor(TAG)).isEmpty();
		assertThat(off.tagOf("bounces+" + TAG + "@accesspath.local")).isEmpty();
		assertThat(off.tagOf(null)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF",
			"0123456789abcdef0123456789abcdef@x" })
	void onlyAnOutboxTagGetsAReturnPath(String tag) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.addresses.returnPathFor(tag));
		assertThatIllegalArgumentException().isThrownBy(() -> this.addresses.returnPathFor(null));
	}

}
