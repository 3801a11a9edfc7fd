package com.accesspath.boot.mongodb;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.accesspath.boot.health.MongoPingHealthAutoConfiguration;
import com.accesspath.boot.health.MongoPingHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Both MongoDB auto-configurations of the starter: the ping health component and the
 * driver's timeouts.
 */
class MongoAutoConfigurationsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MongoClientAutoConfiguration.class, MongoPingHealthAutoConfiguration.class));

	private static MongoClientSettings customized(AssertableApplicationContext context) {
		MongoClientSettings.Builder builder = MongoClientSettings.builder();
		context.getBean(MongoClientSettingsBuilderCustomizer.class).customize(builder);
		return builder.build();
	}

	@Test
	void writesWaitForAMajorityReadsGoToThePrimaryAndBothAreRetried() {
		this.runner.run(context -> {
			MongoClientSettings settings = customized(context);
			assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
			assertThat(settings.getReadPreference()).isEqualTo(ReadPreference.primary());
			assertThat(settings.getRetryWrites()).isTrue();
			assertThat(settings.getRetryReads()).isTrue();
		});
	}

	@Test
	void workOutsideRequestsRidesOutAnElection() {
		this.runner.run(context -> {
			MongoClientSettings settings = customized(context);
			// An election takes 10 to 12 s; the driver's client-wide operation timeout
			// stays off (requests get theirs from the database factory).
			assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(15000);
			assertThat(settings.getTimeout(TimeUnit.MILLISECONDS)).isNull();
			assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2000);
			assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(10000);
		});
	}

	@Test
	void everythingComesFromProperties() {
		this.runner
			.withPropertyValues("accesspath.mongodb.server-selection-timeout=30s", "accesspath.mongodb.read-timeout=3s",
					"accesspath.mongodb.write-concern=2", "accesspath.mongodb.read-preference=secondaryPreferred")
			.run(context -> {
				MongoClientSettings settings = customized(context);
				assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
					.isEqualTo(30000);
				assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(3000);
				assertThat(settings.getWriteConcern()).isEqualTo(new WriteConcern(2));
				assertThat(settings.getReadPreference()).isEqualTo(ReadPreference.secondaryPreferred());
			});
	}

	@Test
	void aWriteConcernOrReadPreferenceTheDriverDoesNotKnowStopsTheStart() {
		this.runner.withPropertyValues("accesspath.mongodb.write-concern=most")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("must be majority or a number of members"));
		this.runner.withPropertyValues("accesspath.mongodb.read-preference=fastest")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("must be one of the driver's read preferences"));
	}

	@Test
	void aServiceMayReplaceTheSettings() {
		this.runner
			.withBean("accessPathMongoClientSettings", MongoClientSettingsBuilderCustomizer.class, () -> settings -> {
			})
			.run(context -> assertThat(
					customized(context).getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
				.isEqualTo(30000));
	}

	@Test
	void theServicesDatabaseFactoryGetsTheRequestDeadline() {
		this.runner.withUserConfiguration(UnreachableMongo.class, DatabaseFactory.class)
			.withPropertyValues("accesspath.mongodb.request-deadline=1500ms")
			.run(context -> {
				MongoDatabaseFactory factory = context.getBean(MongoDatabaseFactory.class);
				assertThat(factory).isInstanceOf(RequestDeadlineMongoDatabaseFactory.class);
				assertThat(factory.getMongoDatabase().getTimeout(TimeUnit.MILLISECONDS)).isNull();
				RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
				try {
					assertThat(factory.getMongoDatabase().getTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1500);
					assertThat(factory.getMongoDatabase("other").getTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1500);
				}
				finally {
					RequestContextHolder.resetRequestAttributes();
				}
			});
	}

	@Test
	void aRequestGivesUpAtItsDeadlineWhileTheClientWouldWaitAMinute() {
		this.runner.withUserConfiguration(PatientUnreachableMongo.class, DatabaseFactory.class)
			.withPropertyValues("accesspath.mongodb.request-deadline=300ms")
			.run(context -> {
				MongoTemplate template = new MongoTemplate(context.getBean(MongoDatabaseFactory.class));
				// Not a speed check: without the deadline this call waits 60 s. (The
				// request is the thread's, so it is set on the thread that calls.)
				Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
					RequestContextHolder
						.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
					try {
						return catchThrowable(() -> template.count(new Query(), "leads"));
					}
					finally {
						RequestContextHolder.resetRequestAttributes();
					}
				});
				// What the starter's problem handler answers 503 for.
				assertThat(failure).isInstanceOfAny(DataAccessResourceFailureException.class,
						TransientDataAccessException.class, UncategorizedDataAccessException.class);
			});
	}

	@Test
	void withoutTheDriverNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(MongoClientSettings.class, MongoClient.class))
			.run(context -> assertThat(context).doesNotHaveBean(MongoClientSettingsBuilderCustomizer.class)
				.doesNotHaveBean("mongoHealthIndicator"));
	}

	@Test
	void withoutAClientBeanThereIsNoHealthComponent() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean("mongoHealthIndicator"));
	}

	@Test
	void aClientGetsThePingIndicatorWhichReportsDownWhenNoServerAnswers() {
		this.runner.withUserConfiguration(UnreachableMongo.class).run(context -> {
			assertThat(context).getBean("mongoHealthIndicator").isInstanceOf(MongoPingHealthIndicator.class);
			Health health = context.getBean("mongoHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		});
	}

	@Test
	void aServiceMayReplaceTheHealthIndicator() {
		this.runner.withUserConfiguration(UnreachableMongo.class)
			.withBean("mongoHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run(context -> assertThat(context).getBean("mongoHealthIndicator")
				.isNotInstanceOf(MongoPingHealthIndicator.class));
	}

	/**
	 * A client of port 9 (discard) on loopback, where nothing answers: server selection
	 * gives up after {@code selection}.
	 */
	static MongoClient unreachable(Duration selection) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyToClusterSettings(cluster -> cluster.hosts(List.of(new ServerAddress("127.0.0.1", 9)))
				.serverSelectionTimeout(selection.toMillis(), TimeUnit.MILLISECONDS))
			.build());
	}

	@Configuration(proxyBeanMethods = false)
	static class UnreachableMongo {

		@Bean(destroyMethod = "close")
		MongoClient mongoClient() {
			return unreachable(Duration.ofMillis(200));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DatabaseFactory {

		@Bean
		MongoDatabaseFactory mongoDatabaseFactory(MongoClient client) {
			return new SimpleMongoClientDatabaseFactory(client, "x");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PatientUnreachableMongo {

		@Bean(destroyMethod = "close")
		MongoClient mongoClient() {
			return unreachable(Duration.ofSeconds(60));
		}

	}

}
