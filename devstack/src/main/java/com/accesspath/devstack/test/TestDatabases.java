package com.accesspath.devstack.test;

import java.util.function.Supplier;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import com.accesspath.devstack.DevStack;

/**
 * The databases of this test JVM, chosen once: environment, then Testcontainers, then
 * devstack. Started lazily and kept for the life of the JVM (Testcontainers' Ryuk, or
 * devstack's shutdown hook, cleans up).
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

	static TestDatabases choose(java.util.function.Function<String, String> environment, Supplier<Boolean> docker) {
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

}
