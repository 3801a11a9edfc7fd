package com.accesspath.newsletter.subscription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.newsletter.wechat.FollowerRepository;

/** Subscription counts for editors, from the stored subscribers and followers. */
@RestController
@Tag(name = "订阅管理", description = "编辑后台:订阅统计和手动发送资讯摘要邮件(EDITOR 或 ADMIN 角色)。")
class NewsletterStatsController {

	@Schema(description = "订阅统计")
	record NewsletterStats(@Schema(description = "已确认的邮件订阅数", example = "3520") long confirmed,
			@Schema(description = "待确认的邮件订阅数", example = "148") long pending,
			@Schema(description = "已退订数", example = "96") long unsubscribed,
			@Schema(description = "公众号关注数", example = "12870") long wechatFollowers) {
	}

	private final SubscriberRepository subscribers;

	private final FollowerRepository followers;

	NewsletterStatsController(SubscriberRepository subscribers, FollowerRepository followers) {
		this.subscribers = subscribers;
		this.followers = followers;
	}

	@Operation(operationId = "getNewsletterStats", summary = "获取订阅统计", description = "邮件订阅各状态的人数和公众号当前关注数。")
	@GetMapping("/api/admin/newsletter/stats")
	NewsletterStats stats() {
		return new NewsletterStats(this.subscribers.countByStatus(SubscriptionStatus.CONFIRMED),
				this.subscribers.countByStatus(SubscriptionStatus.PENDING),
				this.subscribers.countByStatus(SubscriptionStatus.UNSUBSCRIBED), this.followers.countFollowing());
	}

}
