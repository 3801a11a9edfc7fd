package com.accesspath.devstack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTokensTests {

	@Test
	void issuesAThreePartTokenWithRolesAndExpiry() {
		String token = LocalTokens.local().issue("SALES");
		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		assertThat(claims).contains("\"roles\":[\"SALES\"]")
			.contains("\"exp\":")
			.contains("\"iss\":\"accesspath-local\"");
	}

	@Test
	void differentSecretsSignDifferently() {
		String a = new LocalTokens("secret-a-0123456789012345678901234567", "i").issue("x", java.util.List.of("ADMIN"),
				java.time.Duration.ofMinutes(1));
		String b = new LocalTokens("secret-b-0123456789012345678901234567", "i").issue("x", java.util.List.of("ADMIN"),
				java.time.Duration.ofMinutes(1));
		assertThat(a.substring(a.lastIndexOf('.'))).isNotEqualTo(b.substring(b.lastIndexOf('.')));
	}

}
