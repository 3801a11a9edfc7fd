package com.accesspath.newsletter.wechat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a replica does with WeChat once started, on a thread of its own so that neither
 * the start nor the scheduled jobs wait for WeChat: the menu is pushed (retried every
 * {@code menu.retry-every} until pushed or found unchanged), then the follower list
 * synced (once; a sync that failed is left to the next replica that starts). Nothing
 * happens while the account has no app id and secret.
 */
@Component
class WeChatStartup {

	private static final Logger log = LoggerFactory.getLogger(WeChatStartup.class);

	private final WeChatProperties properties;

	private final WeChatMenuProperties menuProperties;

	private final FollowerSyncProperties syncProperties;

	private final MenuPublisher menu;

	private final FollowerSync followers;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "wechat-startup");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean menuSettled;

	private volatile boolean followersSynced;

	private volatile FollowerSync.Outcome followerSync;

	WeChatStartup(WeChatProperties properties, WeChatMenuProperties menuProperties,
			FollowerSyncProperties syncProperties, MenuPublisher menu, FollowerSync followers) {
		this.properties = properties;
		this.menuProperties = menuProperties;
		this.syncProperties = syncProperties;
		this.menu = menu;
		this.followers = followers;
	}

	@EventListener(ApplicationReadyEvent.class)
	void started() {
		if (!this.properties.apiConfigured()) {
			return;
		}
		this.menuSettled = !this.menuProperties.enabled();
		this.followersSynced = !this.syncProperties.enabled();
		this.executor.scheduleWithFixedDelay(this::attempt, 0, this.menuProperties.retryEvery().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void attempt() {
		try {
			if (!this.menuSettled) {
				this.menuSettled = this.menu.publish().settled;
			}
			if (!this.followersSynced) {
				// Once per start, whatever it came to.
				this.followersSynced = true;
				this.followerSync = this.followers.syncIfDue();
				log.debug("WeChat follower sync: {}", this.followerSync);
			}
		}
		catch (RuntimeException ex) {
			log.warn("WeChat start-up work failed (the menu is tried again later): {}", ex.getMessage());
		}
		if (this.menuSettled && this.followersSynced) {
			this.executor.shutdown();
		}
	}

	/** Whether the menu needs nothing more from this replica. */
	boolean menuSettled() {
		return this.menuSettled;
	}

	/** What this replica's follower sync came to; null before it ended. */
	FollowerSync.Outcome followerSync() {
		return this.followerSync;
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

}
