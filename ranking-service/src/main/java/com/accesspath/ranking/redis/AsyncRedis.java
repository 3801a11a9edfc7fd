package com.accesspath.ranking.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
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
		return send(commands -> commands
			.<List<Object>>evalsha(script.getSha1(), ScriptOutputType.MULTI, keyBytes, argBytes)
			.toCompletableFuture()
			.exceptionallyCompose(ex -> (unwrap(ex) instanceof RedisNoScriptException) ? commands
				.<List<Object>>eval(script.getScriptAsString().getBytes(StandardCharsets.UTF_8), ScriptOutputType.MULTI,
						keyBytes, argBytes)
				.toCompletableFuture() : CompletableFuture.failedFuture(ex))
			.exceptionallyCompose(ex -> CompletableFuture
				.failedFuture(new RedisSystemException("Script failed: " + unwrap(ex).getMessage(), unwrap(ex)))));
	}

	/**
	 * A sorted set's top {@code count} members, highest score first, with their scores.
	 */
	public CompletableFuture<List<ScoredValue<String>>> top(String key, int count) {
		return read(key,
				commands -> commands.zrevrangeWithScores(key.getBytes(StandardCharsets.UTF_8), 0, count - 1)
					.toCompletableFuture()
					.thenApply(members -> members.stream()
						.map(member -> ScoredValue.just(member.getScore(),
								new String(member.getValue(), StandardCharsets.UTF_8)))
						.toList()));
	}

	/**
	 * A hash's values for these fields, in their order; null for a field the hash does
	 * not have.
	 */
	public CompletableFuture<List<String>> hashValues(String key, List<String> fields) {
		return read(key,
				commands -> commands.hmget(key.getBytes(StandardCharsets.UTF_8), bytes(fields))
					.toCompletableFuture()
					.thenApply(values -> values.stream()
						.map(value -> value.hasValue() ? new String(value.getValue(), StandardCharsets.UTF_8) : null)
						.toList()));
	}

	/**
	 * What a sent command answered, waiting at most {@code timeout}; its failure as a
	 * {@link org.springframework.dao.DataAccessException} (a timeout is a
	 * {@link QueryTimeoutException}), {@code what} naming the read.
	 */
	public static <T> T await(CompletableFuture<T> sent, Duration timeout, String what) {
		try {
			return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof DataAccessException dataAccess) ? dataAccess
					: new RedisSystemException("Reading " + what + " failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("Redis did not answer within " + timeout.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new QueryTimeoutException("Interrupted while reading " + what, ex);
		}
	}

	/** A read of one key, whose failure names the key. */
	private <T> CompletableFuture<T> read(String key,
			Function<RedisClusterAsyncCommands<byte[], byte[]>, CompletableFuture<T>> command) {
		return send(command).exceptionallyCompose(ex -> CompletableFuture.failedFuture(
				new RedisSystemException("Reading " + key + " failed: " + unwrap(ex).getMessage(), unwrap(ex))));
	}

	/** The command, sent on the shared native connection (it outlives the wrapper). */
	private <T> CompletableFuture<T> send(
			Function<RedisClusterAsyncCommands<byte[], byte[]>, CompletableFuture<T>> command) {
		RedisClusterAsyncCommands<byte[], byte[]> commands;
		try (RedisConnection connection = this.connections.getConnection()) {
			commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return command.apply(commands);
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
