package com.accesspath.newsletter.wechat;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reading the account's follower list from WeChat when a replica starts: the callback
 * misses follows and unfollows while the service is down or WeChat gives up retrying.
 *
 * @param enabled sync at start-up
 * @param minInterval after a complete sync, replicas starting within this time do not
 * sync again (a rolling deploy of N replicas reads the list once)
 */
@Validated
@ConfigurationProperties("accesspath.wechat.follower-sync")
public record FollowerSyncProperties(@DefaultValue("true") boolean enabled,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("12h") Duration minInterval) {

}
