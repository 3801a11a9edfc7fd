package com.accesspath.newsletter.subscription;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.newsletter.wechat.FollowerRepository;

/** Subscription counts for editors, from the stored subscribers and followers. */
@RestController
class NewsletterStatsController {

	record NewsletterStats(long confirmed, long pending, long unsubscribed, long wechatFollowers) {
	}

	private final SubscriberRepository subscribers;

	private final FollowerRepository followers;

	NewsletterStatsController(SubscriberRepository subscribers, FollowerRepository followers) {
		this.subscribers = subscribers;
		this.followers = followers;
	}

	@GetMapping("/api/admin/newsletter/stats")
	NewsletterStats stats() {
		return new NewsletterStats(this.subscribers.countByStatus(SubscriptionStatus.CONFIRMED),
				this.subscribers.countByStatus(SubscriptionStatus.PENDING),
				this.subscribers.countByStatus(SubscriptionStatus.UNSUBSCRIBED), this.followers.countFollowing());
	}

}
