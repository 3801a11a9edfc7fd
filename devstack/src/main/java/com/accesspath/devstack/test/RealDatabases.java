package com.accesspath.devstack.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test a real MongoDB and a real Redis: {@code spring.mongodb.uri} and
 * {@code spring.data.redis.url} are set from {@code MONGODB_URI} / {@code REDIS_URL} when
 * present, else from Testcontainers when a Docker engine answers, else from devstack. The
 * same test code runs on all three paths.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealDatabases {

	/** The MongoDB database the test's application uses. */
	String database() default "accesspath-test";

}
