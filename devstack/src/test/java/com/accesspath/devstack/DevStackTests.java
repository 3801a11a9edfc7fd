package com.accesspath.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevStackTests {

	@Test
	void ephemeralStackServesRealRedisAndTheMongoProtocol() {
		try (DevStack stack = DevStack.startEphemeral();
				MongoClient mongo = MongoClients.create(stack.mongoUri("devstack-test"))) {
			var collection = mongo.getDatabase("devstack-test").getCollection("things");
			collection.insertOne(new Document("_id", "a").append("name", "北约"));
			assertThat(collection.find(new Document("_id", "a")).first().getString("name")).isEqualTo("北约");

			RedisClient redis = RedisClient.create(stack.redisUrl());
			try (StatefulRedisConnection<String, String> connection = redis.connect()) {
				assertThat(connection.sync().incr("counter")).isEqualTo(1);
				assertThat(connection.sync().info("server")).contains("redis_version");
			}
			finally {
				redis.shutdown();
			}
		}
	}

	@Test
	void redisCanBeStoppedAndStartedAgainOnTheSamePort() {
		try (DevStack stack = DevStack.startEphemeral()) {
			RedisClient redis = RedisClient.create(stack.redisUrl());
			try {
				stack.stopRedis();
				assertThatThrownBy(() -> redis.connect().close()).isInstanceOf(Exception.class);
				stack.startRedis();
				try (StatefulRedisConnection<String, String> connection = redis.connect()) {
					assertThat(connection.sync().ping()).isEqualTo("PONG");
				}
			}
			finally {
				redis.shutdown();
			}
		}
	}

	@Test
	void persistentStackKeepsMongoDataAcrossRestarts(@TempDir Path data) {
		int mongoPort = DevStack.freePort();
		int redisPort = DevStack.freePort();
		try (DevStack stack = DevStack.startPersistent(mongoPort, redisPort, data);
				MongoClient mongo = MongoClients.create(stack.mongoUri("keep"))) {
			mongo.getDatabase("keep").getCollection("c").insertOne(new Document("_id", 1).append("v", "资讯"));
		}
		assertThat(Files.exists(data.resolve("mongo.mv"))).isTrue();
		try (DevStack stack = DevStack.startPersistent(mongoPort, redisPort, data);
				MongoClient mongo = MongoClients.create(stack.mongoUri("keep"))) {
			assertThat(mongo.getDatabase("keep").getCollection("c").find().first().getString("v")).isEqualTo("资讯");
		}
	}

}
