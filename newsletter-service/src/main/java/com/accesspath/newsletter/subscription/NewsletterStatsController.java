package com.accesspath.newsletter.subscription;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Subscription counts for editors, from the stored subscribers and followers. */
@RestController
class NewsletterStatsController {

	static final String SUBSCRIBERS = "subscribers";

	static final String FOLLOWERS = "wechatFollowers";

	record NewsletterStats(long confirmed, long pending, long unsubscribed, long wechatFollowers) {
	}

	private final MongoTemplate mongo;

	NewsletterStatsController(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@GetMapping("/api/admin/newsletter/stats")
	NewsletterStats stats() {
		return new NewsletterStats(countWithStatus("CONFIRMED"), countWithStatus("PENDING"), countWithStatus("UNSUBSCRIBED"),
				this.mongo.count(Query.query(Criteria.where("status").is("FOLLOWING")), FOLLOWERS));
	}

	private long countWithStatus(String status) {
		return this.mongo.count(Query.query(Criteria.where("status").is(status)), SUBSCRIBERS);
	}

}
