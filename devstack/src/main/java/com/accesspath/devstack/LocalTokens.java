package com.accesspath.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues HS256 JWTs signed with the local secret, for {@code ./platform token ROLE} and
 * for tests. No JWT library: the launcher must run with nothing but a JDK.
 */
public final class LocalTokens {

	/**
	 * The secret of the {@code local} profile; never valid outside it (the services
	 * refuse to start with it).
	 */
	public static final String LOCAL_SECRET = "local-only-accesspath-jwt-secret-change-me-0123456789";

	public static final String LOCAL_ISSUER = "accesspath-local";

	private final String secret;

	private final String issuer;

	public LocalTokens(String secret, String issuer) {
		this.secret = secret;
		this.issuer = issuer;
	}

	public static LocalTokens local() {
		return new LocalTokens(LOCAL_SECRET, LOCAL_ISSUER);
	}

	static LocalTokens fromEnvironment() {
		String secret = System.getenv("JWT_SECRET");
		return new LocalTokens((secret == null || secret.isBlank()) ? LOCAL_SECRET : secret, LOCAL_ISSUER);
	}

	public String issue(String... roles) {
		return issue("local-" + String.join("-", roles).toLowerCase(), List.of(roles), Duration.ofHours(12));
	}

	public String issue(String subject, List<String> roles, Duration validity) {
		long now = Instant.now().getEpochSecond();
		String rolesJson = roles.stream().map(role -> "\"" + role + "\"").collect(Collectors.joining(",", "[", "]"));
		String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
		String claims = "{\"sub\":\"" + subject + "\",\"iss\":\"" + this.issuer + "\",\"roles\":" + rolesJson
				+ ",\"iat\":" + now + ",\"exp\":" + (now + validity.toSeconds()) + "}";
		String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64Url(claims.getBytes(StandardCharsets.UTF_8));
		return signingInput + "." + base64Url(hmacSha256(signingInput));
	}

	private byte[] hmacSha256(String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
