package com.accesspath.newsletter.wechat;

import java.time.Instant;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
public class FollowerRepository implements InitializingBean {

	static final String COLLECTION = "wechatFollowers";

	private final MongoTemplate mongo;

	FollowerRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The followers are found by open id (_id) and counted by status (the stats). */
	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC).named("status"));
	}

	Follower followed(String openId, String scene, Instant now) {
		Update update = new Update().set("status", Follower.Status.FOLLOWING)
			.set("lastFollowAt", now)
			.setOnInsert("firstFollowAt", now);
		if (scene != null) {
			update.setOnInsert("scene", scene).set("lastScene", scene);
		}
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(openId)), update,
				FindAndModifyOptions.options().upsert(true).returnNew(true), Follower.class);
	}

	void unfollowed(String openId, Instant now) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(openId)),
				new Update().set("status", Follower.Status.UNFOLLOWED).set("unfollowedAt", now), Follower.class);
	}

	void scanned(String openId, String scene) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(openId)), new Update().set("lastScene", scene),
				Follower.class);
	}

	public long countFollowing() {
		return this.mongo.count(Query.query(Criteria.where("status").is(Follower.Status.FOLLOWING)), Follower.class);
	}

}
