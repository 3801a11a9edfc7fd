package com.accesspath.devstack.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.accesspath.devstack.DevStack;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabasesTests {

	@Test
	void environmentWinsAndDockerIsNotAsked() {
		Map<String, String> env = Map.of("MONGODB_URI", "mongodb://db.example:27017/prod?replicaSet=rs0", "REDIS_URL",
				"redis://cache.example:6379");
		TestDatabases databases = TestDatabases.choose(env::get, () -> {
			throw new AssertionError("Docker must not be asked when the environment names the databases");
		});
		assertThat(databases.source()).isEqualTo(TestDatabases.Source.ENVIRONMENT);
		assertThat(databases.mongoUri("articles")).isEqualTo("mongodb://db.example:27017/articles?replicaSet=rs0");
		assertThat(databases.redisUrl()).isEqualTo("redis://cache.example:6379");
	}

	@Test
	void withoutEnvironmentOrDockerDevstackIsStarted() {
		TestDatabases databases = TestDatabases.choose(name -> null, () -> false);
		try {
			assertThat(databases.source()).isEqualTo(TestDatabases.Source.DEVSTACK);
			assertThat(databases.mongoUri("x")).matches("mongodb://127\\.0\\.0\\.1:\\d+/x");
			assertThat(databases.devStack()).isPresent();
		}
		finally {
			databases.devStack().ifPresent(DevStack::close);
		}
	}

	@Test
	void databaseIsAddedWhenTheUriHasNone() {
		assertThat(TestDatabases.withDatabase("mongodb://h:1", "leads")).isEqualTo("mongodb://h:1/leads");
		assertThat(TestDatabases.withDatabase("mongodb://h:1/", "leads")).isEqualTo("mongodb://h:1/leads");
	}

}
