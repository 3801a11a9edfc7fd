package com.accesspath.devstack.test;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import com.accesspath.devstack.DevStack;
import com.accesspath.devstack.LocalRedisCluster;

/**
 * The databases of this test JVM, chosen once: environment, then Testcontainers, then
 * devstack. Started lazily and kept for the life of the JVM (Testcontainers' Ryuk, or
 * devstack's shutdown hook, cleans up).
 *
 * <p>
 * The Redis Cluster ({@link #redisCluster()}) is chosen on its own, on first use:
 * {@code REDIS_CLUSTER_NODES} from the environment, else a {@link LocalRedisCluster}.
 */
public final class TestDatabases {

	public enum Source {

		/** {@code MONGODB_URI} and {@code REDIS_URL} from the environment. */
		ENVIRONMENT,
		/** {@code mongo:8} and {@code redis:7} containers. */
		TESTCONTAINERS,
		/**
		 * In-process MongoDB-protocol server and the embedded {@code redis-server}
		 * binary.
		 */
		DEVSTACK

	}

	private static volatile TestDatabases instance;

	private static volatile RedisCluster redisCluster;

	private final Source source;

	private final String mongoBaseUri;

	private final String redisUrl;

	private final DevStack devStack;

	private TestDatabases(Source source, String mongoBaseUri, String redisUrl, DevStack devStack) {
		this.source = source;
		this.mongoBaseUri = mongoBaseUri;
		this.redisUrl = redisUrl;
		this.devStack = devStack;
	}

	public static TestDatabases get() {
		TestDatabases current = instance;
		if (current == null) {
			synchronized (TestDatabases.class) {
				current = instance;
				if (current == null) {
					current = choose(System::getenv, TestDatabases::dockerAvailable);
					instance = current;
				}
			}
		}
		return current;
	}

	/**
	 * The Redis Cluster of this test JVM: the nodes of {@code REDIS_CLUSTER_NODES} when
	 * set, else a {@link LocalRedisCluster} of 3 masters with a replica each, started on
	 * the first call (a few seconds) and stopped when the JVM ends.
	 */
	public static RedisCluster redisCluster() {
		RedisCluster current = redisCluster;
		if (current == null) {
			synchronized (TestDatabases.class) {
				current = redisCluster;
				if (current == null) {
					current = chooseRedisCluster(System::getenv);
					redisCluster = current;
				}
			}
		}
		return current;
	}

	static RedisCluster chooseRedisCluster(Function<String, String> environment) {
		String nodes = environment.apply("REDIS_CLUSTER_NODES");
		if (notBlank(nodes)) {
			return new RedisCluster(nodes.replace(" ", ""), null);
		}
		// LocalRedisCluster kills its processes in a shutdown hook of its own.
		return new RedisCluster(null, LocalRedisCluster.start(3, 1, null, 0));
	}

	static TestDatabases choose(Function<String, String> environment, Supplier<Boolean> docker) {
		String mongo = environment.apply("MONGODB_URI");
		String redis = environment.apply("REDIS_URL");
		if (notBlank(mongo) && notBlank(redis)) {
			return new TestDatabases(Source.ENVIRONMENT, mongo, redis, null);
		}
		if (docker.get()) {
			MongoDBContainer mongoContainer = new MongoDBContainer("mongo:8");
			GenericContainer<?> redisContainer = new GenericContainer<>("redis:7").withExposedPorts(6379);
			mongoContainer.start();
			redisContainer.start();
			return new TestDatabases(Source.TESTCONTAINERS, mongoContainer.getConnectionString(),
					"redis://" + redisContainer.getHost() + ":" + redisContainer.getMappedPort(6379), null);
		}
		DevStack stack = DevStack.startEphemeral();
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-test-shutdown"));
		return new TestDatabases(Source.DEVSTACK, stack.mongoUri(""), stack.redisUrl(), stack);
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

	public Source source() {
		return this.source;
	}

	/** A URI for {@code database}: the configured URI's own database path is replaced. */
	public String mongoUri(String database) {
		return withDatabase(this.mongoBaseUri, database);
	}

	public String redisUrl() {
		return this.redisUrl;
	}

	/**
	 * The devstack, when that is the source: tests use it to drill outages (stop and
	 * start Redis).
	 */
	public java.util.Optional<DevStack> devStack() {
		return java.util.Optional.ofNullable(this.devStack);
	}

	static String withDatabase(String uri, String database) {
		int schemeEnd = uri.indexOf("://") + 3;
		int queryStart = uri.indexOf('?', schemeEnd);
		String query = (queryStart >= 0) ? uri.substring(queryStart) : "";
		String withoutQuery = (queryStart >= 0) ? uri.substring(0, queryStart) : uri;
		int pathStart = withoutQuery.indexOf('/', schemeEnd);
		String hosts = (pathStart >= 0) ? withoutQuery.substring(0, pathStart) : withoutQuery;
		return hosts + "/" + database + query;
	}

	/**
	 * A Redis Cluster for tests: either named by the environment or a
	 * {@link LocalRedisCluster} of this JVM, which tests can drill (stop a master, start
	 * it again).
	 */
	public static final class RedisCluster {

		private final String externalNodes;

		private final LocalRedisCluster local;

		RedisCluster(String externalNodes, LocalRedisCluster local) {
			this.externalNodes = externalNodes;
			this.local = local;
		}

		/**
		 * {@link Source#ENVIRONMENT} ({@code REDIS_CLUSTER_NODES}) or
		 * {@link Source#DEVSTACK} (a {@link LocalRedisCluster}).
		 */
		public Source source() {
			return (this.local != null) ? Source.DEVSTACK : Source.ENVIRONMENT;
		}

		/**
		 * {@code host:port,...} as {@code spring.data.redis.cluster.nodes} takes it: the
		 * local cluster's current masters, or the environment's list as it is.
		 */
		public String nodes() {
			return (this.local != null) ? this.local.nodes() : this.externalNodes;
		}

		/**
		 * The local cluster, to drill outages; empty when the environment names the
		 * cluster (nothing to stop then).
		 */
		public Optional<LocalRedisCluster> local() {
			return Optional.ofNullable(this.local);
		}

	}

}
