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
 * same test code runs on all three paths. With {@link #redisCluster()} Redis is a real
 * Redis Cluster instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealDatabases {

	/** The MongoDB database the test's application uses. */
	String database() default "accesspath-test";

	/**
	 * Redis Cluster instead of a standalone Redis:
	 * {@code spring.data.redis.cluster.nodes} from {@link TestDatabases#redisCluster()}
	 * ({@code REDIS_CLUSTER_NODES}, else a local cluster of 3 masters with a replica
	 * each) and {@code spring.data.redis.cluster.max-redirects=5}. Contexts with and
	 * without it are cached apart.
	 */
	boolean redisCluster() default false;

}
