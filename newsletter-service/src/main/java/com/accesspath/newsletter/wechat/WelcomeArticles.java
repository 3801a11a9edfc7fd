package com.accesspath.newsletter.wechat;

import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.config.NewsletterProperties;
import com.accesspath.newsletter.site.SiteContent;

/**
 * Today's hot articles for WeChat replies, refreshed in the background: a passive reply
 * must leave within WeChat's five seconds, so it never waits for ranking-service.
 */
@Component
class WelcomeArticles {

	private final SiteContent content;

	private final NewsletterProperties properties;

	private volatile List<SiteContent.HotItem> hot = List.of();

	WelcomeArticles(SiteContent content, NewsletterProperties properties) {
		this.content = content;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${accesspath.wechat.hot-refresh}",
			initialDelayString = "${accesspath.wechat.hot-first-refresh}")
	void refresh() {
		List<SiteContent.HotItem> latest = this.content.hot(5);
		if (!latest.isEmpty()) {
			this.hot = latest;
		}
	}

	String text(String greeting) {
		StringBuilder text = new StringBuilder(greeting);
		if (!this.hot.isEmpty()) {
			text.append("\n\n今日热榜:");
			for (SiteContent.HotItem item : this.hot) {
				text.append("\n")
					.append(item.rank())
					.append(". ")
					.append(item.article().title())
					.append("\n")
					.append(this.properties.link("/articles/" + item.article().slug()));
			}
		}
		text.append("\n\n回复「诊断」免费评估企业 AI 成熟度:").append(this.properties.link("/diagnosis"));
		return text.toString();
	}

}
