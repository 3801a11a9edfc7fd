package com.accesspath.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import redis.embedded.RedisServer;

/**
 * The embedded defaults: a MongoDB-protocol server (mongo-java-server) in this JVM and a
 * real {@code redis-server} process (the binary shipped inside embedded-redis).
 * Production never uses this; it exists so that a fresh machine with only a JDK can run
 * and test the platform.
 *
 * <p>
 * Both servers can be stopped and started again on the same port, so tests can drill
 * outages.
 */
public final class DevStack implements AutoCloseable {

	private final String host = "127.0.0.1";

	private final int mongoPort;

	private final int redisPort;

	/** Directory for persistent data, or {@code null} for in-memory (tests). */
	private final Path dataDirectory;

	private MongoServer mongo;

	private RedisServer redis;

	private DevStack(int mongoPort, int redisPort, Path dataDirectory) {
		this.mongoPort = mongoPort;
		this.redisPort = redisPort;
		this.dataDirectory = dataDirectory;
	}

	/** In-memory MongoDB and a non-persistent Redis on free ports: what tests use. */
	public static DevStack startEphemeral() {
		RuntimeException failure = null;
		// A port found free can be taken before the server binds it (an outgoing
		// connection's local port comes from
		// the same range): a few fresh ports make that race harmless.
		for (int attempt = 0; attempt < 5; attempt++) {
			DevStack stack = new DevStack(freePort(), freePort(), null);
			try {
				stack.startMongo();
				stack.startRedis();
				return stack;
			}
			catch (RuntimeException ex) {
				stack.stopRedis();
				stack.stopMongo();
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		throw failure;
	}

	/**
	 * Persistent MongoDB (H2 file) and Redis (AOF) under {@code dataDirectory}: what
	 * {@code ./platform up} uses.
	 */
	public static DevStack startPersistent(int mongoPort, int redisPort, Path dataDirectory) {
		DevStack stack = new DevStack(mongoPort, redisPort, dataDirectory);
		stack.startMongo();
		stack.startRedis();
		return stack;
	}

	public String mongoUri(String database) {
		return "mongodb://" + this.host + ":" + this.mongoPort + "/" + database;
	}

	public String redisUrl() {
		return "redis://" + this.host + ":" + this.redisPort;
	}

	public int mongoPort() {
		return this.mongoPort;
	}

	public int redisPort() {
		return this.redisPort;
	}

	public synchronized void startMongo() {
		if (this.mongo != null) {
			return;
		}
		MongoServer server = new MongoServer(mongoBackend());
		server.bind(this.host, this.mongoPort);
		this.mongo = server;
	}

	public synchronized void stopMongo() {
		if (this.mongo != null) {
			this.mongo.shutdownNow();
			this.mongo = null;
		}
	}

	public synchronized void startRedis() {
		if (this.redis != null) {
			return;
		}
		try {
			var builder = RedisServer.newRedisServer().port(this.redisPort).bind(this.host);
			if (this.dataDirectory != null) {
				Path redisData = Files.createDirectories(this.dataDirectory.resolve("redis"));
				builder.setting("dir " + redisData.toAbsolutePath()).setting("appendonly yes");
			}
			else {
				builder.setting("save \"\"").setting("appendonly no");
			}
			RedisServer server = builder.build();
			server.start();
			this.redis = server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server on port " + this.redisPort, ex);
		}
	}

	public synchronized void stopRedis() {
		if (this.redis != null) {
			try {
				this.redis.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.redis = null;
		}
	}

	@Override
	public void close() {
		stopRedis();
		stopMongo();
	}

	private MongoBackend mongoBackend() {
		if (this.dataDirectory == null) {
			return new MemoryBackend();
		}
		try {
			Files.createDirectories(this.dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new H2Backend(this.dataDirectory.resolve("mongo.mv").toAbsolutePath().toString());
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
