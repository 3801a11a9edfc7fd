package com.accesspath.ranking.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Redis calls sent without waiting for each: a batch of views that spans several shards
 * sends one script per shard at once, and the hot-list leader reads every shard's window
 * at once (Lettuce pipelines them on its shared connection, and on a cluster sends each
 * to its slot's master), so spreading keys over shards does not multiply the round trips.
 */
@Component
@SuppressWarnings("unchecked")
public class AsyncRedis {

	private final RedisConnectionFactory connections;

	AsyncRedis(RedisConnectionFactory connections) {
		this.connections = connections;
	}

	/**
	 * The script's answer as a list (integers are {@code Long}); fails with a
	 * {@link org.springframework.dao.DataAccessException}.
	 */
	public CompletableFuture<List<Object>> eval(RedisScript<?> script, List<String> keys, List<String> args) {
		byte[][] keyBytes = bytes(keys);
		byte[][] argBytes = bytes(args);
		RedisClusterAsyncCommands<byte[], byte[]> commands;
		try (RedisConnection connection = this.connections.getConnection()) {
			// The shared native connection: it outlives this wrapper.
			commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<List<Object>> sent = commands
			.<List<Object>>evalsha(script.getSha1(), ScriptOutputType.MULTI, keyBytes, argBytes)
			.toCompletableFuture();
		return sent
			.exceptionallyCompose(ex -> (unwrap(ex) instanceof RedisNoScriptException) ? commands
				.<List<Object>>eval(script.getScriptAsString().getBytes(StandardCharsets.UTF_8), ScriptOutputType.MULTI,
						keyBytes, argBytes)
				.toCompletableFuture() : CompletableFuture.failedFuture(ex))
			.exceptionallyCompose(ex -> CompletableFuture
				.failedFuture(new RedisSystemException("Script failed: " + unwrap(ex).getMessage(), unwrap(ex))));
	}

	/**
	 * A sorted set's top {@code count} members, highest score first, with their scores.
	 */
	public CompletableFuture<List<ScoredValue<String>>> top(String key, int count) {
		RedisClusterAsyncCommands<byte[], byte[]> commands;
		try (RedisConnection connection = this.connections.getConnection()) {
			commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return commands.zrevrangeWithScores(key.getBytes(StandardCharsets.UTF_8), 0, count - 1)
			.toCompletableFuture()
			.thenApply(members -> members.stream()
				.map(member -> ScoredValue.just(member.getScore(),
						new String(member.getValue(), StandardCharsets.UTF_8)))
				.toList())
			.exceptionallyCompose(ex -> CompletableFuture.failedFuture(
					new RedisSystemException("Reading " + key + " failed: " + unwrap(ex).getMessage(), unwrap(ex))));
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	private static byte[][] bytes(List<String> values) {
		byte[][] result = new byte[values.size()][];
		for (int i = 0; i < result.length; i++) {
			result[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
		}
		return result;
	}

}
