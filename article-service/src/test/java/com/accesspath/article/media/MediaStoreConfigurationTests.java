package com.accesspath.article.media;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@link MediaStore} {@code accesspath.media.store} makes, and the S3 settings the
 * service refuses to start with. No bucket is reached: the client connects on first use.
 */
class MediaStoreConfigurationTests {

	// A database factory that connects on first use, which none of these tests makes.
	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, MediaStoreConfiguration.class)
		.withBean(MongoClient.class, () -> MongoClients.create("mongodb://127.0.0.1:9"))
		.withBean(MongoDatabaseFactory.class, () -> new SimpleMongoClientDatabaseFactory("mongodb://127.0.0.1:9/media"))
		.withBean(MongoConverter.class,
				() -> new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, new MongoMappingContext()));

	/** What application.yml gives when no MEDIA_S3_* variable is set. */
	static final String[] YML_DEFAULTS = { "accesspath.media.s3.endpoint=", "accesspath.media.s3.bucket=",
			"accesspath.media.s3.access-key=", "accesspath.media.s3.secret-key=" };

	@Test
	void withoutAStoreSettingThereIsNoS3Store() {
		this.runner.withPropertyValues("accesspath.media.s3.bucket=media")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(S3MediaStore.class)
				.getBean(MediaStore.class)
				.isInstanceOf(GridFsMediaStore.class));
		this.runner.withPropertyValues("accesspath.media.store=GRIDFS", "accesspath.media.s3.bucket=media")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(S3MediaStore.class)
				.getBean(MediaStore.class)
				.isInstanceOf(GridFsMediaStore.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "S3", "s3" })
	void s3WithABucketMakesTheS3Store(String store) {
		this.runner.withPropertyValues(YML_DEFAULTS)
			.withPropertyValues("accesspath.media.store=" + store, "accesspath.media.s3.bucket=media",
					"accesspath.media.s3.endpoint=http://127.0.0.1:9", "accesspath.media.s3.path-style=true",
					"accesspath.media.s3.access-key=id", "accesspath.media.s3.secret-key=secret")
			.run((context) -> assertThat(context).hasSingleBean(MediaStore.class)
				.getBean(MediaStore.class)
				.isInstanceOf(S3MediaStore.class));
	}

	@Test
	void anEmptyEndpointAndNoKeysMeanAwsS3WithTheDefaultCredentials() {
		this.runner.withPropertyValues(YML_DEFAULTS)
			.withPropertyValues("accesspath.media.store=S3", "accesspath.media.s3.bucket=media",
					"accesspath.media.s3.region=cn-north-1")
			.run((context) -> assertThat(context).hasSingleBean(S3MediaStore.class));
	}

	@Test
	void s3WithoutABucketStopsTheStartSayingWhatIsMissing() {
		this.runner.withPropertyValues(YML_DEFAULTS)
			.withPropertyValues("accesspath.media.store=S3")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("accesspath.media.s3.bucket")
				.hasMessageContaining("MEDIA_S3_BUCKET"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "accesspath.media.s3.access-key=id", "accesspath.media.s3.secret-key=secret" })
	void halfAKeyPairStopsTheStart(String half) {
		this.runner.withPropertyValues(YML_DEFAULTS)
			.withPropertyValues("accesspath.media.store=S3", "accesspath.media.s3.bucket=media", half)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("MEDIA_S3_ACCESS_KEY, MEDIA_S3_SECRET_KEY"));
	}

	@Test
	void anUnknownStoreStopsTheStart() {
		this.runner.withPropertyValues("accesspath.media.store=FTP").run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MediaProperties.class)
	static class Properties {

	}

}
