package com.accesspath.newsletter.wechat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.accesspath.newsletter.NewsletterIntegrationTestSupport;
import com.accesspath.newsletter.NewsletterKeys;
import com.accesspath.newsletter.wechat.FollowerSync.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/** The follower list read from WeChat (a stub, paged as WeChat pages it). */
class FollowerSyncIntegrationTests extends NewsletterIntegrationTestSupport {

	static final String DONE = NewsletterKeys.wechatFollowerSyncDone("wx-test-app");

	@Autowired
	FollowerSync sync;

	@Autowired
	FollowerRepository followers;

	Instant before;

	@BeforeEach
	void knownFollowers() {
		wechatApi.reset();
		this.before = clock.instant();
		// Followed with a scene, still following.
		this.followers.followed("o-kept", "home-banner", this.before);
		// Unfollowed, then followed again while the service was down.
		this.followers.followed("o-back", null, this.before);
		this.followers.unfollowed("o-back", this.before);
		// Unfollowed while the service was down.
		this.followers.followed("o-gone", null, this.before);
		clock.advance(Duration.ofMinutes(1));
	}

	@AfterEach
	void wechatAnswers() {
		wechatApi.reset();
	}

	Map<String, Document> storedFollowers() {
		return mongo.findAll(Document.class, "wechatFollowers")
			.stream()
			.collect(Collectors.toMap((follower) -> follower.getString("_id"), (follower) -> follower));
	}

	static String page(long total, String next, String... openIds) {
		String ids = List.of(openIds).stream().map((id) -> "\"" + id + "\"").collect(Collectors.joining(","));
		return "{\"total\":" + total + ",\"count\":" + openIds.length + ",\"data\":{\"openid\":[" + ids
				+ "]},\"next_openid\":\"" + next + "\"}";
	}

	void assertNobodyMarkedUnfollowed() {
		assertThat(storedFollowers().get("o-gone").getString("status")).isEqualTo("FOLLOWING");
		assertThat(storedFollowers().get("o-kept").getString("status")).isEqualTo("FOLLOWING");
		assertThat(redis.hasKey(DONE)).isFalse();
		assertThat(redis.keys(NewsletterKeys.wechatFollowerSyncLock("*"))).as("the lock is released").isEmpty();
	}

	@Test
	void everyPageIsStoredAndWhoIsNotListedHasUnfollowed() {
		wechatApi.followers = List.of("o-kept", "o-back", "n-1", "n-2", "n-3");
		wechatApi.followersPerPage = 2;
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.COMPLETE);
		// Three pages and the empty one that ends the list.
		assertThat(wechatApi.userListCalls).hasValue(4);
		Map<String, Document> stored = storedFollowers();
		assertThat(stored).containsOnlyKeys("o-kept", "o-back", "o-gone", "n-1", "n-2", "n-3");
		assertThat(stored.get("o-kept").getString("status")).isEqualTo("FOLLOWING");
		assertThat(stored.get("o-kept").getString("scene")).isEqualTo("home-banner");
		assertThat(stored.get("o-kept").getDate("firstFollowAt").toInstant())
			.isEqualTo(this.before.truncatedTo(ChronoUnit.MILLIS));
		assertThat(stored.get("o-back").getString("status")).isEqualTo("FOLLOWING");
		for (String newcomer : List.of("n-1", "n-2", "n-3")) {
			assertThat(stored.get(newcomer).getString("status")).isEqualTo("FOLLOWING");
			assertThat(stored.get(newcomer).get("firstFollowAt")).as("not known").isNull();
		}
		assertThat(stored.get("o-gone").getString("status")).isEqualTo("UNFOLLOWED");
		assertThat(stored.get("o-gone").getDate("unfollowedAt").toInstant())
			.isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(this.followers.countFollowing()).isEqualTo(5);
		assertThat(redis.getExpire(DONE)).isBetween(Duration.ofHours(12).toSeconds() - 60,
				Duration.ofHours(12).toSeconds());
		assertThat(redis.keys(NewsletterKeys.wechatFollowerSyncLock("*"))).isEmpty();
		// Within the minimum interval: not read again.
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.NOT_DUE);
		assertThat(wechatApi.userListCalls).hasValue(4);
	}

	@Test
	void aFailureOnTheSecondPageMarksNobodyUnfollowedAndTheNextSyncCompletes() {
		wechatApi.followers = List.of("o-kept", "n-1", "n-2", "n-3");
		wechatApi.followersPerPage = 2;
		wechatApi.userListFailingCall = 2;
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		assertThat(wechatApi.userListCalls).hasValue(2);
		assertNobodyMarkedUnfollowed();
		assertThat(storedFollowers().get("o-back").getString("status")).isEqualTo("UNFOLLOWED");
		// What was read is true and kept.
		assertThat(storedFollowers().get("n-1").getString("status")).isEqualTo("FOLLOWING");
		assertThat(storedFollowers()).doesNotContainKey("n-2");

		wechatApi.userListFailingCall = 0;
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.COMPLETE);
		assertThat(storedFollowers().get("o-gone").getString("status")).isEqualTo("UNFOLLOWED");
		assertThat(storedFollowers().get("o-back").getString("status")).isEqualTo("UNFOLLOWED");
		assertThat(storedFollowers().get("n-3").getString("status")).isEqualTo("FOLLOWING");
	}

	@Test
	void weChatDownOrRefusingMarksNobodyUnfollowed() {
		wechatApi.down = true;
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		wechatApi.down = false;
		wechatApi.userListFailingCall = 1;
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		assertNobodyMarkedUnfollowed();
	}

	@Test
	void aListShorterThanWeChatsTotalMarksNobodyUnfollowed() {
		wechatApi.userListAnswer = (next) -> next.isEmpty() ? page(5, "o-kept", "o-kept") : page(5, "");
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		assertNobodyMarkedUnfollowed();
	}

	@Test
	void valuesThatAreNoOpenIdsAreNotStoredAndMarkNobodyUnfollowed() {
		wechatApi.userListAnswer = (next) -> next.isEmpty()
				? page(4, "n-1", "n-1", "bad\\u0000id", "x".repeat(100), "../../etc") : page(4, "");
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		assertThat(storedFollowers()).containsOnlyKeys("o-kept", "o-back", "o-gone", "n-1");
		assertNobodyMarkedUnfollowed();
	}

	@Test
	void answersOfTheWrongShapeMarkNobodyUnfollowed() {
		for (String answer : List.of(
				"{\"total\":1,\"count\":1,\"data\":{\"openid\":[{\"id\":1}]},\"next_openid\":\"\"}",
				"{\"total\":1,\"count\":1,\"data\":{\"openid\":\"o-kept\"},\"next_openid\":\"\"}",
				"{\"total\":\"many\",\"count\":1}", "{\"count\":0}", "[1,2]", "<html>busy</html>",
				"{\"total\":1,\"count\":1,\"data\":{\"openid\":[\"o-kept\"]},\"next_openid\":\"a&b=c\"}")) {
			wechatApi.userListAnswer = (next) -> answer;
			assertThat(this.sync.syncIfDue()).as(answer).isEqualTo(Outcome.INCOMPLETE);
		}
		assertNobodyMarkedUnfollowed();
	}

	@Test
	void aListThatNeverEndsIsStopped() {
		// The same cursor again, then two cursors taking turns.
		wechatApi.userListAnswer = (next) -> page(2, "o-kept", "o-kept");
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		assertThat(wechatApi.userListCalls).hasValue(2);
		wechatApi.userListAnswer = (next) -> "a-1".equals(next) ? page(2, "a-2", "a-2") : page(2, "a-1", "a-1");
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		assertThat(wechatApi.userListCalls.get()).isLessThan(10);
		// New open ids on every page, far more than WeChat's total.
		wechatApi.userListCalls.set(0);
		wechatApi.userListAnswer = (next) -> {
			String id = "e-" + wechatApi.userListCalls.get();
			return page(2, id, id);
		};
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.INCOMPLETE);
		assertThat(wechatApi.userListCalls.get()).isLessThan(200);
		assertNobodyMarkedUnfollowed();
	}

	@Test
	void whoFollowsOrUnfollowsDuringTheSyncKeepsWhatTheCallbackSaid() {
		wechatApi.userListAnswer = (next) -> {
			if (next.isEmpty()) {
				return page(3, "o-kept", "o-kept", "o-back");
			}
			if ("o-kept".equals(next)) {
				// Meanwhile, the callback: o-kept unfollows, o-late follows.
				clock.advance(Duration.ofSeconds(1));
				this.followers.unfollowed("o-kept", clock.instant());
				this.followers.followed("o-late", null, clock.instant());
				return page(3, "o-gone-too", "o-gone-too");
			}
			return page(3, "");
		};
		assertThat(this.sync.syncIfDue()).isEqualTo(Outcome.COMPLETE);
		Map<String, Document> stored = storedFollowers();
		assertThat(stored.get("o-kept").getString("status")).isEqualTo("UNFOLLOWED");
		assertThat(stored.get("o-late").getString("status")).isEqualTo("FOLLOWING");
		assertThat(stored.get("o-back").getString("status")).isEqualTo("FOLLOWING");
		assertThat(stored.get("o-gone").getString("status")).isEqualTo("UNFOLLOWED");
	}

	@Test
	void replicasSyncingAtOnceReadTheListOnce() throws Exception {
		wechatApi.followers = List.of("o-kept", "n-1", "n-2");
		wechatApi.followersPerPage = 1;
		List<Outcome> outcomes = AtOnce.run(3, this.sync::syncIfDue);
		assertThat(outcomes).containsOnlyOnce(Outcome.COMPLETE).doesNotContain(Outcome.INCOMPLETE);
		assertThat(wechatApi.userListCalls).hasValue(4);
		assertThat(storedFollowers().get("o-gone").getString("status")).isEqualTo("UNFOLLOWED");
	}

}
