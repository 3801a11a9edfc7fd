package com.accesspath.newsletter.wechat;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A WeChat user who follows (or followed) the account; {@code scene} is the QR code that
 * first brought them.
 */
@Document(FollowerRepository.COLLECTION)
public record Follower(@Id String openId, Status status, Instant firstFollowAt, Instant lastFollowAt,
		Instant unfollowedAt, String scene, String lastScene) {

	/** Stored as its name. */
	public enum Status {

		FOLLOWING, UNFOLLOWED

	}

}
