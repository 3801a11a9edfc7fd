package com.accesspath.newsletter.subscription;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTests {

	@Test
	void tokensAreUrlSafe32RandomBytesAndNeverRepeat() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String token = Tokens.newToken();
			assertThat(token).matches("[A-Za-z0-9_-]{43}");
			assertThat(seen.add(token)).isTrue();
		}
	}

	@Test
	void theHashIsSha256HexAndStable() {
		assertThat(Tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		String token = Tokens.newToken();
		assertThat(Tokens.hash(token)).isEqualTo(Tokens.hash(token)).doesNotContain(token);
	}

}
