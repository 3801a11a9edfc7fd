package com.accesspath.devstack.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests can move (scheduled publishing, expiry, backoff) without waiting.
 * {@code @Import(MutableClock.Config.class)} makes it the application's {@link Clock}
 * bean.
 */
public class MutableClock extends Clock {

	private volatile Instant now = Instant.now();

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public void reset() {
		this.now = Instant.now();
	}

	public void set(Instant instant) {
		this.now = instant;
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	public static class Config {

		@org.springframework.context.annotation.Bean
		MutableClock clock() {
			return new MutableClock();
		}

	}

}
