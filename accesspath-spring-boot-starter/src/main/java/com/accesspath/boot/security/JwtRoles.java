package com.accesspath.boot.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import com.accesspath.boot.AccessPathProperties;

/**
 * How the platform's tokens map to Spring Security: the {@code roles} claim becomes
 * {@code ROLE_*} authorities.
 */
public final class JwtRoles {

	public static final String ROLES_CLAIM = "roles";

	public static final String ADMIN = "ADMIN";

	private JwtRoles() {
	}

	public static JwtAuthenticationConverter authenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(ROLES_CLAIM);
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

	/**
	 * The roles allowed on {@code /api/admin/**}: the service's own plus ADMIN, who may
	 * do everything.
	 */
	public static String[] adminRoles(AccessPathProperties properties) {
		List<String> roles = new ArrayList<>(properties.security().adminRoles());
		if (!roles.contains(ADMIN)) {
			roles.add(ADMIN);
		}
		return roles.toArray(String[]::new);
	}

	public static SecretKey hmacKey(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < 32) {
			throw new IllegalStateException("accesspath.security.jwt-secret must be at least 32 bytes for HS256");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

}
