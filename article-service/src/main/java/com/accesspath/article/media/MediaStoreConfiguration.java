package com.accesspath.article.media;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

/**
 * The one {@link MediaStore} {@code accesspath.media.store} chooses. Each kind's bean is
 * conditional on its value; a setting the store cannot work with stops the service at
 * start, not at the first upload.
 */
@Configuration(proxyBeanMethods = false)
class MediaStoreConfiguration {

	/** GridFS in the service's own database: local runs, tests, and the default. */
	@Bean
	@ConditionalOnProperty(name = "accesspath.media.store", havingValue = "GRIDFS", matchIfMissing = true)
	MediaStore gridFsMediaStore(MongoDatabaseFactory mongo, MongoConverter converter) {
		return new GridFsMediaStore(new GridFsTemplate(mongo, converter, GridFsMediaStore.BUCKET));
	}

	/** The S3-compatible store, closed (with its HTTP client) when the context is. */
	@Bean
	@ConditionalOnProperty(name = "accesspath.media.store", havingValue = "S3")
	MediaStore s3MediaStore(MediaProperties properties) {
		return new S3MediaStore(properties.s3());
	}

}
