package com.accesspath.boot;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 * @param mongodb whether the service needs MongoDB, and how long the driver waits
 * @param redis whether the service needs Redis
 */
@ConfigurationProperties("accesspath")
@Validated
public record AccessPathProperties(@DefaultValue @Valid Security security, @DefaultValue @Valid Web web,
		@DefaultValue @Valid Mongodb mongodb, @DefaultValue @Valid Redis redis) {

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
	 * @param maxUploadBodySize largest body a write to one of {@code uploadPaths} may
	 * send: a file upload (the media library's PDFs), for those paths only
	 * @param uploadPaths the exact paths that take uploads
	 */
	public record Web(@DefaultValue("64KB") @NotNull DataSize maxBodySize,
			@DefaultValue("2MB") @NotNull DataSize maxAdminBodySize,
			@DefaultValue("51MB") @NotNull DataSize maxUploadBodySize,
			@DefaultValue("/api/admin/media") @NotNull List<String> uploadPaths) {

		/** The largest body a request to this path may send. */
		public long maxBodySize(String path) {
			if (this.uploadPaths.contains(path)) {
				return this.maxUploadBodySize.toBytes();
			}
			return (path.startsWith("/api/admin/") ? this.maxAdminBodySize : this.maxBodySize).toBytes();
		}

	}

	/**
	 * @param required whether the service refuses to start outside the local profile
	 * without {@code MONGODB_URI} (read before binding, by the starter's environment
	 * post-processor)
	 * @param requestDeadline how long one operation made while answering an HTTP request
	 * may take in all (finding a primary, retrying once after an election, the reply):
	 * past it the request answers 503, so an outage never holds requests
	 * @param serverSelectionTimeout how long work outside requests (schedulers, start-up)
	 * waits for a primary: long enough to ride out an election (10 to 12 s)
	 * @param connectTimeout how long opening a connection may take
	 * @param readTimeout how long a reply may take outside requests
	 * @param writeConcern {@code majority} (a write acknowledged by most of the replica
	 * set survives a failover), or a number of members
	 * @param readPreference where reads go: {@code primary} (reads see the service's own
	 * writes) or any of the driver's modes
	 */
	public record Mongodb(@DefaultValue("true") boolean required, @DefaultValue("2s") @NotNull Duration requestDeadline,
			@DefaultValue("15s") @NotNull Duration serverSelectionTimeout,
			@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration readTimeout,
			@DefaultValue("majority") @NotBlank @Pattern(regexp = "majority|[0-9]+",
					message = "must be majority or a number of members") String writeConcern,
			@DefaultValue("primary") @NotBlank @Pattern(
					regexp = "primary|primaryPreferred|secondary|secondaryPreferred|nearest",
					message = "must be one of the driver's read preferences") String readPreference) {

	}

	/**
	 * @param required whether the service refuses to start outside the local profile
	 * without {@code REDIS_URL} (read before binding)
	 */
	public record Redis(@DefaultValue("true") boolean required) {

	}

}
