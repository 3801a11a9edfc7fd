package com.accesspath.article.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import com.accesspath.article.media.MediaStore.StoredFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link S3MediaStore} against a real S3-compatible server, S3Mock in a JVM of its own
 * ({@link S3MockProcess}), looked at from outside the store with a plain SDK client.
 */
class S3MediaStoreTests {

	static final String BUCKET = "media-test";

	static final String ACCESS_KEY = "test-access-key";

	static final String SECRET_KEY = "test-secret-key";

	@TempDir
	static Path root;

	static S3MockProcess s3Mock;

	/** The bucket as any client sees it. */
	static S3Client bucket;

	S3MediaStore store;

	@BeforeAll
	static void startS3Mock() throws IOException {
		s3Mock = S3MockProcess.start(root, BUCKET);
		bucket = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(s3Mock.endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build();
	}

	@AfterAll
	static void stopS3Mock() throws InterruptedException {
		if (bucket != null) {
			bucket.close();
		}
		if (s3Mock != null) {
			s3Mock.close();
		}
	}

	@BeforeEach
	void openStore() {
		this.store = new S3MediaStore(properties(s3Mock.endpoint(), "media/"));
	}

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	static MediaProperties.S3 properties(URI endpoint, String prefix) {
		return new MediaProperties.S3(endpoint, "us-east-1", BUCKET, true, ACCESS_KEY, SECRET_KEY, prefix);
	}

	/** A new media id's key, so tests never see each other's files. */
	static String newKey(String file) {
		return UUID.randomUUID() + "/" + file;
	}

	/**
	 * More than the 128 KiB the SDK can rewind in a stream, so the upload must not need
	 * to read it twice.
	 */
	static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	@Test
	void whatIsPutIsOpenedWithTheSameBytesTypeAndLength() throws IOException {
		String key = newKey("cover.png");
		byte[] bytes = randomBytes(300_000);
		TrackedInputStream content = new TrackedInputStream(bytes);

		this.store.put(key, content, bytes.length, "image/png");

		assertThat(content.closed).as("the caller's stream is the caller's to close").isFalse();
		HeadObjectResponse stored = bucket
			.headObject((request) -> request.bucket(BUCKET).key("media/" + key).checksumMode(ChecksumMode.ENABLED));
		assertThat(stored.checksumCRC32()).as("no CRC32 sent, which OSS, COS and older MinIO refuse").isNull();
		StoredFile file = this.store.open(key).orElseThrow();
		assertThat(file.length()).isEqualTo(bytes.length);
		assertThat(file.contentType()).isEqualTo("image/png");
		try (InputStream in = file.content()) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void filesOpenedTogetherAreReadAfterwardsEachToItsEnd() throws IOException {
		String first = newKey("a.pdf");
		String second = newKey("b.pdf");
		byte[] firstBytes = randomBytes(200_001);
		byte[] secondBytes = "%PDF-1.7 second".getBytes(StandardCharsets.US_ASCII);
		this.store.put(first, new ByteArrayInputStream(firstBytes), firstBytes.length, "application/pdf");
		this.store.put(second, new ByteArrayInputStream(secondBytes), secondBytes.length, "application/pdf");

		StoredFile a = this.store.open(first).orElseThrow();
		StoredFile b = this.store.open(second).orElseThrow();

		try (InputStream in = b.content()) {
			assertThat(in.readAllBytes()).isEqualTo(secondBytes);
		}
		try (InputStream in = a.content()) {
			assertThat(in.readAllBytes()).isEqualTo(firstBytes);
		}
	}

	@Test
	void aSecondPutOfAStoredKeyNeitherReadsNorWritesAnything() throws IOException {
		String key = newKey("report.pdf");
		byte[] first = "%PDF-1.7 the first bytes".getBytes(StandardCharsets.US_ASCII);
		this.store.put(key, new ByteArrayInputStream(first), first.length, "application/pdf");
		HeadObjectResponse stored = bucket.headObject((request) -> request.bucket(BUCKET).key("media/" + key));

		byte[] other = "other bytes, which must not replace the first".getBytes(StandardCharsets.US_ASCII);
		TrackedInputStream second = new TrackedInputStream(other);
		this.store.put(key, second, other.length, "text/plain");

		assertThat(second.available()).as("bytes left unread in the second put's stream").isEqualTo(other.length);
		HeadObjectResponse after = bucket.headObject((request) -> request.bucket(BUCKET).key("media/" + key));
		assertThat(after.eTag()).isEqualTo(stored.eTag());
		assertThat(after.lastModified()).isEqualTo(stored.lastModified());
		StoredFile file = this.store.open(key).orElseThrow();
		assertThat(file.contentType()).isEqualTo("application/pdf");
		try (InputStream in = file.content()) {
			assertThat(in.readAllBytes()).isEqualTo(first);
		}
	}

	@Test
	void aKeyNeverStoredOpensEmpty() throws IOException {
		assertThat(this.store.open(newKey("nothing.png"))).isEmpty();
	}

	@Test
	void filesLandInTheBucketUnderThePrefix() throws IOException {
		String id = UUID.randomUUID().toString();
		byte[] bytes = "GIF89a".getBytes(StandardCharsets.US_ASCII);

		this.store.put(id + "/w320.gif", new ByteArrayInputStream(bytes), bytes.length, "image/gif");

		assertThat(bucket.listObjectsV2((request) -> request.bucket(BUCKET).prefix("media/" + id)).contents())
			.extracting(S3Object::key, S3Object::size)
			.containsExactly(tuple("media/" + id + "/w320.gif", 6L));
		assertThatThrownBy(() -> bucket.getObjectAsBytes((request) -> request.bucket(BUCKET).key(id + "/w320.gif")))
			.isInstanceOf(NoSuchKeyException.class);
		try (S3MediaStore otherPrefix = new S3MediaStore(properties(s3Mock.endpoint(), "elsewhere/"))) {
			assertThat(otherPrefix.open(id + "/w320.gif")).isEmpty();
		}
	}

	/** Keys that could leave the prefix where paths are normalised, or are no keys. */
	@ParameterizedTest
	@ValueSource(strings = { "", "/etc/passwd", "../escape.png", "a/../../escape.png", "a/./b.png", "a//b.png",
			"a/b.png/", "a\\..\\b.png", "a/b\u0000.png", "a/b\n.png", "a/b\u007f.png" })
	void keysThatAreNoRelativePathsAreRefusedAndNothingIsStored(String key) {
		int before = bucket.listObjectsV2((request) -> request.bucket(BUCKET)).keyCount();
		byte[] bytes = "x".getBytes(StandardCharsets.US_ASCII);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.put(key, new ByteArrayInputStream(bytes), bytes.length, "image/png"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.open(key));
		assertThat(bucket.listObjectsV2((request) -> request.bucket(BUCKET)).keyCount()).isEqualTo(before);
	}

	@Test
	void aServerThatIsDownFailsAtOnce() throws IOException {
		URI down;
		try (ServerSocket closed = new ServerSocket(0)) {
			down = URI.create("http://127.0.0.1:" + closed.getLocalPort());
		}
		byte[] bytes = "x".getBytes(StandardCharsets.US_ASCII);
		try (S3MediaStore unreachable = new S3MediaStore(properties(down, "media/"))) {
			long start = System.nanoTime();
			assertThatThrownBy(
					() -> unreachable.put(newKey("a.png"), new ByteArrayInputStream(bytes), bytes.length, "image/png"))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("s3://" + BUCKET + "/media/");
			assertThatThrownBy(() -> unreachable.open(newKey("a.png"))).isInstanceOf(IOException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	/**
	 * A server that accepts connections and never answers (the operating system accepts
	 * them into the backlog): the read time limit ends each try, the call's limit all of
	 * them.
	 */
	@Test
	void aServerThatNeverAnswersFailsWithinTheTimeLimits() throws IOException {
		S3MediaStore.Timeouts quick = new S3MediaStore.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(500),
				Duration.ofSeconds(3));
		byte[] bytes = "x".getBytes(StandardCharsets.US_ASCII);
		try (ServerSocket silent = new ServerSocket(0);
				S3MediaStore hanging = new S3MediaStore(
						properties(URI.create("http://127.0.0.1:" + silent.getLocalPort()), "media/"), quick)) {
			long start = System.nanoTime();
			assertThatThrownBy(
					() -> hanging.put(newKey("a.png"), new ByteArrayInputStream(bytes), bytes.length, "image/png"))
				.isInstanceOf(IOException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(quick.read(), Duration.ofSeconds(4));
			start = System.nanoTime();
			assertThatThrownBy(() -> hanging.open(newKey("a.png"))).isInstanceOf(IOException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(quick.read(), Duration.ofSeconds(4));
		}
	}

	/** A caller's stream that says whether it was closed. */
	static final class TrackedInputStream extends ByteArrayInputStream {

		boolean closed;

		TrackedInputStream(byte[] bytes) {
			super(bytes);
		}

		@Override
		public void close() throws IOException {
			this.closed = true;
			super.close();
		}

	}

}
