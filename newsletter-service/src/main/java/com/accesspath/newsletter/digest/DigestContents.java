package com.accesspath.newsletter.digest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * What a run's digest says to the subscribers of one choice of topics, stored when the
 * first of them is queued: whichever replica sends, and whenever (a retry hours later),
 * every reader of a run gets the same digest, and article-service is asked once per
 * choice, not once per reader.
 */
@Repository
class DigestContents implements InitializingBean {

	static final String COLLECTION = "digestContents";

	/** Choices of topics remembered per replica; the rest are read again from MongoDB. */
	private static final int CACHED = 512;

	@Document(COLLECTION)
	record Content(@Id String id, String title, List<Link> articles, List<Hot> hot) {
	}

	record Link(String title, String summary, String url) {
	}

	record Hot(int rank, String title, long views, String url) {
	}

	private final MongoTemplate mongo;

	private final Map<String, Content> cache = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Content> eldest) {
			return size() > CACHED;
		}

	};

	private final Clock clock;

	DigestContents(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** A run's contents outlive its last retries (a day) and its late readers. */
	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("createdAt", Sort.Direction.ASC)
				.expire(Duration.ofDays(30))
				.named("created_expiry"));
	}

	static String id(String runId, List<String> topics) {
		return runId + "|" + String.join(",", topics);
	}

	/**
	 * The stored content, or {@code made} stored first (of two replicas storing at once,
	 * the first one's is kept and returned to both).
	 */
	Content store(Content made) {
		Content stored = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(made.id())),
				new Update().setOnInsert("createdAt", this.clock.instant())
					.setOnInsert("title", made.title())
					.setOnInsert("articles", new ArrayList<>(made.articles()))
					.setOnInsert("hot", new ArrayList<>(made.hot())),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Content.class);
		remember(stored);
		return stored;
	}

	Optional<Content> find(String id) {
		Optional<Content> cached = recall(id);
		if (cached.isPresent()) {
			return cached;
		}
		Optional<Content> stored = Optional.ofNullable(this.mongo.findById(id, Content.class));
		stored.ifPresent(this::remember);
		return stored;
	}

	private synchronized Optional<Content> recall(String id) {
		return Optional.ofNullable(this.cache.get(id));
	}

	private synchronized void remember(Content content) {
		this.cache.put(content.id(), content);
	}

}
