package com.accesspath.article.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The media library's entries, newest first, keyset-paged on (uploadedAt, id). */
@Repository
class MediaRepository {

	static final String COLLECTION = "media";

	private final MongoTemplate mongo;

	MediaRepository(MongoTemplate mongo) {
		this.mongo = mongo;
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("uploadedAt", Sort.Direction.DESC)
				.on("_id", Sort.Direction.DESC)
				.named("uploadedAt_id"));
	}

	Optional<Media> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Media.class));
	}

	/**
	 * Records the entry unless one with its id is there (the same bytes): that one wins.
	 */
	Media insertIfAbsent(Media media) {
		try {
			return this.mongo.insert(media);
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			return findById(media.id()).orElseThrow(() -> ex);
		}
	}

	List<Media> page(Instant beforeUploadedAt, String beforeId, int limit) {
		Query query = new Query();
		if (beforeUploadedAt != null) {
			query.addCriteria(new Criteria().orOperator(where("uploadedAt").lt(beforeUploadedAt),
					where("uploadedAt").is(beforeUploadedAt).and("_id").lt(beforeId)));
		}
		query.with(Sort.by(Sort.Order.desc("uploadedAt"), Sort.Order.desc("_id"))).limit(limit);
		return this.mongo.find(query, Media.class);
	}

}
