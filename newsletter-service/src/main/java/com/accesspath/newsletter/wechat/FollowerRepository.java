package com.accesspath.newsletter.wechat;

import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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

	/** The follower sync that last found the open id in WeChat's list. */
	static final String SYNC_RUN = "syncRun";

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

	/**
	 * Open ids found in WeChat's follower list by the sync {@code run}, started at
	 * {@code startedAt}, in one round trip: unknown ones are stored as following (when
	 * they first followed is not known), known ones marked as seen, and those stored as
	 * unfollowed before the sync started follow again. One who unfollowed since the sync
	 * started (the callback is newer than the list) stays unfollowed.
	 */
	void seenInSync(List<String> openIds, String run, Instant startedAt) {
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.ORDERED, Follower.class);
		for (String openId : openIds) {
			bulk.upsert(Query.query(Criteria.where("_id").is(openId)),
					new Update().set(SYNC_RUN, run).setOnInsert("status", Follower.Status.FOLLOWING));
		}
		bulk.updateMulti(Query.query(Criteria.where("_id")
			.in(openIds)
			.and("status")
			.is(Follower.Status.UNFOLLOWED)
			.and("unfollowedAt")
			.lt(startedAt)), new Update().set("status", Follower.Status.FOLLOWING));
		bulk.execute();
	}

	/**
	 * After a complete sync: who is stored as following but was not in WeChat's list has
	 * unfollowed, unless they followed (the callback) since the sync started.
	 * @return how many were marked
	 */
	long unfollowedUnlessSeen(String run, Instant startedAt, Instant now) {
		Query absent = Query.query(Criteria.where("status")
			.is(Follower.Status.FOLLOWING)
			.and(SYNC_RUN)
			.ne(run)
			.orOperator(Criteria.where("lastFollowAt").lt(startedAt), Criteria.where("lastFollowAt").isNull()));
		return this.mongo
			.updateMulti(absent, new Update().set("status", Follower.Status.UNFOLLOWED).set("unfollowedAt", now),
					Follower.class)
			.getModifiedCount();
	}

	public long countFollowing() {
		return this.mongo.count(Query.query(Criteria.where("status").is(Follower.Status.FOLLOWING)), Follower.class);
	}

}
