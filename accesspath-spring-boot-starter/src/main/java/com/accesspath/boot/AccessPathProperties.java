package com.accesspath.boot;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Technical settings shared by every service.
 *
 * @param security who may reach {@code /api/admin/**} and how tokens are checked
 * @param web request limits
 */
@ConfigurationProperties("accesspath")
public record AccessPathProperties(@DefaultValue Security security, @DefaultValue Web web) {

	/**
	 * @param jwtSecret HS256 secret (at least 32 bytes); when blank, Boot's
	 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is used
	 * @param adminRoles roles that may call this service's {@code /api/admin/**}; {@code ADMIN} always may
	 */
	public record Security(String jwtSecret, @DefaultValue List<String> adminRoles) {

		public boolean hasSecret() {
			return this.jwtSecret != null && !this.jwtSecret.isBlank();
		}

	}

	/**
	 * @param maxBodySize largest body a public write may send (413 above it)
	 * @param maxAdminBodySize largest body an authenticated {@code /api/admin/**} write may send
	 */
	public record Web(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("2MB") DataSize maxAdminBodySize) {

	}

}
