package com.accesspath.article.media;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.mongodb.client.MongoClient;

import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

/**
 * The one {@link MediaStore} {@code accesspath.media.store} chooses. Each kind's bean is
 * conditional on its value; a setting the store cannot work with stops the service at
 * start, not at the first upload.
 */
@Configuration(proxyBeanMethods = false)
class MediaStoreConfiguration {

	/**
	 * GridFS in the service's own database: local runs, tests, and the default. Not on
	 * the request deadline of the service's other queries (a few seconds for all of a
	 * request's work): a 50 MB upload, or a file streamed to a slow reader, takes longer,
	 * and the driver would cut either off midway. The client's own timeouts still apply.
	 */
	@Bean
	@ConditionalOnProperty(name = "accesspath.media.store", havingValue = "GRIDFS", matchIfMissing = true)
	MediaStore gridFsMediaStore(MongoClient client, MongoDatabaseFactory mongo, MongoConverter converter) {
		MongoDatabaseFactory withoutDeadline = new SimpleMongoClientDatabaseFactory(client,
				mongo.getMongoDatabase().getName());
		return new GridFsMediaStore(new GridFsTemplate(withoutDeadline, converter, GridFsMediaStore.BUCKET));
	}

	/** The S3-compatible store, closed (with its HTTP client) when the context is. */
	@Bean
	@ConditionalOnProperty(name = "accesspath.media.store", havingValue = "S3")
	MediaStore s3MediaStore(MediaProperties properties) {
		return new S3MediaStore(properties.s3());
	}

}
