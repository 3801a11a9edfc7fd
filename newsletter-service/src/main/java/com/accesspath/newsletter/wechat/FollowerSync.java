package com.accesspath.newsletter.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.result.WxMpUserList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.accesspath.newsletter.NewsletterKeys;

/**
 * Reads the account's whole follower list (user/get, up to 10,000 open ids a page,
 * following {@code next_openid}) and brings the stored followers in line: every listed
 * open id is following, every stored follower not listed has unfollowed. One replica at a
 * time (a lock renewed after each page), at most once per {@code minInterval} after a
 * complete sync. Nobody is marked unfollowed unless the list was read to its end and held
 * at least as many open ids as WeChat said it had: a failure or a short list midway
 * leaves the unfollows to the next sync (what was read is stored meanwhile, being true).
 */
@Component
class FollowerSync {

	private static final Logger log = LoggerFactory.getLogger(FollowerSync.class);

	/** WeChat's page size: what one page may hold. */
	static final int PAGE_LIMIT = 10_000;

	/** Open ids written per round trip to MongoDB. */
	static final int WRITE_BATCH = 1_000;

	/** Longer than one page takes (a WeChat call within its timeouts and its writes). */
	static final Duration LEASE = Duration.ofMinutes(2);

	/** WeChat's open ids are 28 characters of these; anything else is not one. */
	private static final Pattern OPEN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/** What a sync came to. */
	enum Outcome {

		/** The list was read to its end and the followers brought in line. */
		COMPLETE,
		/** A sync completed within the minimum interval. */
		NOT_DUE,
		/** Another replica is syncing. */
		BUSY,
		/**
		 * WeChat failed or gave a list that cannot be complete: nobody marked unfollowed.
		 */
		INCOMPLETE

	}

	private final WxMpService wechat;

	private final StringRedisTemplate redis;

	private final FollowerRepository followers;

	private final WeChatProperties properties;

	private final FollowerSyncProperties sync;

	private final Clock clock;

	FollowerSync(WxMpService wechat, StringRedisTemplate redis, FollowerRepository followers,
			WeChatProperties properties, FollowerSyncProperties sync, Clock clock) {
		this.wechat = wechat;
		this.redis = redis;
		this.followers = followers;
		this.properties = properties;
		this.sync = sync;
		this.clock = clock;
	}

	Outcome syncIfDue() {
		String appId = this.properties.appId();
		String done = NewsletterKeys.wechatFollowerSyncDone(appId);
		if (Boolean.TRUE.equals(this.redis.hasKey(done))) {
			return Outcome.NOT_DUE;
		}
		Optional<RedisLock> held = RedisLock.tryAcquire(this.redis, NewsletterKeys.wechatFollowerSyncLock(appId),
				LEASE);
		if (held.isEmpty()) {
			return Outcome.BUSY;
		}
		try (RedisLock lock = held.get()) {
			// Checked again under the lock: another replica may have just completed.
			if (Boolean.TRUE.equals(this.redis.hasKey(done))) {
				return Outcome.NOT_DUE;
			}
			Outcome outcome = readAndApply(lock, appId);
			if (outcome == Outcome.COMPLETE) {
				this.redis.opsForValue().set(done, this.clock.instant().toString(), this.sync.minInterval());
			}
			return outcome;
		}
	}

	private Outcome readAndApply(RedisLock lock, String appId) {
		// As MongoDB stores it: a follow in the same millisecond is not "before".
		Instant startedAt = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String run = lock.owner();
		long read = 0;
		long smallestTotal = Long.MAX_VALUE;
		long largestTotal = 0;
		String next = null;
		Set<String> cursors = new HashSet<>();
		int pages = 0;
		try {
			while (true) {
				WxMpUserList page = this.wechat.getUserService().userList(next);
				pages++;
				smallestTotal = Math.min(smallestTotal, page.getTotal());
				largestTotal = Math.max(largestTotal, page.getTotal());
				List<String> listed = (page.getOpenids() != null) ? page.getOpenids() : List.of();
				List<String> openIds = new ArrayList<>(listed.size());
				for (String openId : listed) {
					if (openId != null && OPEN_ID.matcher(openId).matches()) {
						openIds.add(openId);
					}
				}
				if (openIds.size() < listed.size()) {
					log.warn("WeChat's follower list for {} held {} values that are no open id (ignored)", appId,
							listed.size() - openIds.size());
				}
				for (int from = 0; from < openIds.size(); from += WRITE_BATCH) {
					this.followers.seenInSync(openIds.subList(from, Math.min(openIds.size(), from + WRITE_BATCH)), run,
							startedAt);
				}
				read += openIds.size();
				if (!lock.renew(LEASE)) {
					log.warn("Lost the follower sync lock of {} after {} pages: stopped", appId, pages);
					return Outcome.INCOMPLETE;
				}
				String following = page.getNextOpenid();
				if (listed.isEmpty() || following == null || following.isBlank()) {
					break;
				}
				if (!OPEN_ID.matcher(following).matches()) {
					log.warn("WeChat's follower list for {} went on from a value that is no open id: stopped", appId);
					return Outcome.INCOMPLETE;
				}
				// A cursor seen before, or far more open ids than WeChat counts
				// followers: a list that would never end.
				if (!cursors.add(following) || read > largestTotal + Math.max(100, largestTotal / 100)) {
					log.warn("WeChat's follower list for {} does not end ({} open ids read of {}): stopped", appId,
							read, largestTotal);
					return Outcome.INCOMPLETE;
				}
				next = following;
			}
		}
		catch (WxErrorException | RuntimeException ex) {
			log.warn("Could not read WeChat's follower list for {} (page {}, {} open ids stored): {}", appId, pages + 1,
					read, ex.getMessage());
			return Outcome.INCOMPLETE;
		}
		if (read < smallestTotal) {
			log.warn("WeChat's follower list for {} ended after {} open ids of {}: nobody marked unfollowed", appId,
					read, smallestTotal);
			return Outcome.INCOMPLETE;
		}
		long unfollowed = this.followers.unfollowedUnlessSeen(run, startedAt, this.clock.instant());
		log.info("Synced {} WeChat followers of {} in {} pages; {} had unfollowed unseen", read, appId, pages,
				unfollowed);
		return Outcome.COMPLETE;
	}

}
