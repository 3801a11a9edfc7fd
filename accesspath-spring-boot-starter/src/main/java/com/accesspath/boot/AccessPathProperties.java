package com.accesspath.boot;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Technical settings shared by every service.
 *
 * @param security who may reach {@code /api/admin/**} and how tokens are checked
 * @param web request limits
 */
@ConfigurationProperties("accesspath")
@Validated
public record AccessPathProperties(@DefaultValue @Valid Security security, @DefaultValue @Valid Web web) {

	/**
	 * @param jwtSecret HS256 secret (at least 32 bytes); when blank, Boot's
	 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}
	 * is used
	 * @param adminRoles roles that may call this service's {@code /api/admin/**};
	 * {@code ADMIN} always may
	 */
	public record Security(@Size(min = 32, message = "must be at least 32 characters (HS256)") String jwtSecret,
			@DefaultValue @NotNull List<String> adminRoles) {

	}

	/**
	 * @param maxBodySize largest body a public write may send (413 above it)
	 * @param maxAdminBodySize largest body an authenticated {@code /api/admin/**} write
	 * may send
	 */
	public record Web(@DefaultValue("64KB") @NotNull DataSize maxBodySize,
			@DefaultValue("2MB") @NotNull DataSize maxAdminBodySize) {

	}

}
