package com.accesspath.article.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

/**
 * The media library's files in an S3-compatible bucket (AWS S3, Aliyun OSS, Tencent COS,
 * MinIO), each under {@code prefix + key}.
 * <p>
 * A key is written once: {@link #put} asks with a HEAD whether it is there and uploads
 * only when it is not. A conditional PUT ({@code If-None-Match: *}) would be one request
 * and race-free, but of the services we target only AWS S3 and recent MinIO honour it;
 * others ignore the header and overwrite, or refuse the request. The race HEAD leaves
 * open (two replicas storing the same new key at once) is harmless: the same key means
 * the same bytes.
 * <p>
 * Every failure to reach or use the bucket is an {@link IOException}, whatever the SDK
 * threw; a wrong key is an {@link IllegalArgumentException}. The credentials need
 * {@code s3:ListBucket} besides {@code s3:GetObject} and {@code s3:PutObject}: without it
 * S3 answers a missing key with 403, not 404, and nothing could be stored.
 */
public class S3MediaStore implements MediaStore, AutoCloseable {

	/**
	 * How long the store waits: {@code connect} for a connection, {@code read} for the
	 * next bytes of an answer, {@code apiCall} for a whole call, retries included (which
	 * also bounds an upload the server stopped reading).
	 *
	 * @param connect time to open a connection
	 * @param read longest silence while an answer is read
	 * @param apiCall time for a call with its retries
	 */
	record Timeouts(Duration connect, Duration read, Duration apiCall) {

		/** A 50 MB PDF at 1 MB/s fits in the call's time with room for a retry. */
		static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
				Duration.ofMinutes(2));

	}

	private final S3Client client;

	private final String bucket;

	private final String prefix;

	S3MediaStore(MediaProperties.S3 properties) {
		this(properties, Timeouts.DEFAULT);
	}

	S3MediaStore(MediaProperties.S3 properties, Timeouts timeouts) {
		if (!StringUtils.hasText(properties.bucket())) {
			throw new IllegalArgumentException(
					"The media store is S3 but has no bucket: set accesspath.media.s3.bucket (MEDIA_S3_BUCKET)");
		}
		this.client = client(properties, timeouts);
		this.bucket = properties.bucket();
		this.prefix = properties.prefix();
	}

	private static S3Client client(MediaProperties.S3 properties, Timeouts timeouts) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder()
				.connectionTimeout(timeouts.connect())
				.socketTimeout(timeouts.read()))
			.overrideConfiguration((override) -> override.apiCallTimeout(timeouts.apiCall()))
			.region(Region.of(properties.region()))
			.forcePathStyle(properties.pathStyle())
			.credentialsProvider(credentials(properties))
			// The SDK's default since 2.30, CRC32 checksums sent in trailers and checked
			// on every answer, is refused by OSS, COS and older MinIO; S3 does not need
			// it for a plain PUT.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		// MEDIA_S3_ENDPOINT left empty binds as an empty URI: AWS S3 of the region.
		if (properties.endpoint() != null && StringUtils.hasText(properties.endpoint().toString())) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

	private static AwsCredentialsProvider credentials(MediaProperties.S3 properties) {
		boolean accessKey = StringUtils.hasText(properties.accessKey());
		boolean secretKey = StringUtils.hasText(properties.secretKey());
		if (accessKey != secretKey) {
			throw new IllegalArgumentException("Set both accesspath.media.s3.access-key and secret-key "
					+ "(MEDIA_S3_ACCESS_KEY, MEDIA_S3_SECRET_KEY), or neither for the SDK's default credentials");
		}
		if (accessKey) {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
		}
		return DefaultCredentialsProvider.builder().build();
	}

	@Override
	public void put(String key, InputStream content, long length, String contentType) throws IOException {
		String objectKey = objectKey(key);
		try {
			if (exists(objectKey)) {
				return;
			}
			this.client.putObject((request) -> request.bucket(this.bucket)
				.key(objectKey)
				.contentType(contentType)
				.contentLength(length), RequestBody.fromInputStream(content, length));
		}
		catch (SdkException ex) {
			throw failure("PUT", objectKey, ex);
		}
	}

	private boolean exists(String objectKey) {
		try {
			this.client.headObject((request) -> request.bucket(this.bucket).key(objectKey));
			return true;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * The stream returned holds the HTTP connection until the caller closes it.
	 */
	@Override
	public Optional<StoredFile> open(String key) throws IOException {
		String objectKey = objectKey(key);
		ResponseInputStream<GetObjectResponse> object;
		try {
			object = this.client.getObject((request) -> request.bucket(this.bucket).key(objectKey));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw failure("GET", objectKey, ex);
		}
		catch (SdkException ex) {
			throw failure("GET", objectKey, ex);
		}
		GetObjectResponse response = object.response();
		String contentType = StringUtils.hasText(response.contentType()) ? response.contentType()
				: MediaType.APPLICATION_OCTET_STREAM_VALUE;
		return Optional.of(new StoredFile(response.contentLength(), contentType, object));
	}

	/**
	 * The object's key: the prefix and the library's key, which must be a relative path
	 * without empty, {@code .} or {@code ..} segments, so no proxy or service that
	 * normalises paths can take it out of the prefix.
	 */
	String objectKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("A media key is required");
		}
		for (String segment : key.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException("Not a media key: " + key);
			}
		}
		if (key.chars().anyMatch((c) -> c < 0x20 || c == 0x7f || c == '\\')) {
			throw new IllegalArgumentException("Not a media key: " + key);
		}
		return this.prefix + key;
	}

	private IOException failure(String method, String objectKey, SdkException ex) {
		return new IOException(method + " s3://" + this.bucket + "/" + objectKey + " failed: " + ex.getMessage(), ex);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
