package com.accesspath.article.media;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

/** The library's storage: GridFS unless object storage is configured. */
@Configuration(proxyBeanMethods = false)
class MediaLibraryConfiguration {

	@Bean
	@ConditionalOnProperty(name = "accesspath.media.store", havingValue = "GRIDFS", matchIfMissing = true)
	MediaStore gridFsMediaStore(MongoDatabaseFactory mongo, MongoConverter converter) {
		return new GridFsMediaStore(new GridFsTemplate(mongo, converter, GridFsMediaStore.BUCKET));
	}

}
