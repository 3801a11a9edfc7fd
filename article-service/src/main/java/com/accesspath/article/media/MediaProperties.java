package com.accesspath.article.media;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The media library (API.md, "Media library").
 *
 * @param store where files' bytes are kept
 * @param maxImageSize the largest image upload
 * @param maxDocumentSize the largest PDF upload
 * @param maxPixels the most pixels an image may declare (width × height): more is refused
 * from its header, before any pixel is decoded (a decompression bomb)
 * @param renditionWidths the widths images are also served at ({@code ?w=})
 * @param s3 the S3-compatible object storage, when {@code store} is {@code S3}
 */
@ConfigurationProperties("accesspath.media")
@Validated
public record MediaProperties(@DefaultValue("GRIDFS") @NotNull Store store,
		@DefaultValue("10MB") @NotNull DataSize maxImageSize, @DefaultValue("50MB") @NotNull DataSize maxDocumentSize,
		@DefaultValue("50000000") @Positive long maxPixels, @DefaultValue( {
				"320", "640", "1280" }) @NotEmpty List<@NotNull @Positive Integer> renditionWidths,
		@DefaultValue @Valid S3 s3){

	public enum Store {

		/** MongoDB GridFS in the service's own database. */
		GRIDFS,

		/** An S3-compatible bucket. */
		S3

	}

	/**
	 * @param endpoint the service's address; null: AWS S3 of {@code region}
	 * @param region the signing region ({@code cn-north-1}, {@code oss-cn-hangzhou}, …)
	 * @param bucket the bucket the files go to
	 * @param pathStyle addresses the bucket in the path, not the host name (MinIO, most
	 * self-hosted services)
	 * @param accessKey the access key id; empty: the SDK's default credentials (the
	 * environment, a pod's web identity)
	 * @param secretKey its secret, from the environment, never the repository
	 * @param prefix a key prefix inside the bucket
	 */
	public record S3(URI endpoint, @DefaultValue("us-east-1") @NotNull String region, String bucket,
			@DefaultValue("false") boolean pathStyle, String accessKey, String secretKey,
			@DefaultValue("media/") @NotNull String prefix) {
	}

}
