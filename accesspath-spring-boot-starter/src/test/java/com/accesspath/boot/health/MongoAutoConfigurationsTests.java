package com.accesspath.boot.health;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both MongoDB auto-configurations of the starter: the ping health component and the
 * driver's timeouts.
 */
class MongoAutoConfigurationsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MongoTimeoutsAutoConfiguration.class, MongoPingHealthAutoConfiguration.class));

	@Test
	void theTimeoutsAnswerAnOutageInTwoSecondsNotThirty() {
		this.runner.run(context -> {
			MongoClientSettings.Builder builder = MongoClientSettings.builder();
			context.getBean(MongoClientSettingsBuilderCustomizer.class).customize(builder);
			MongoClientSettings settings = builder.build();
			assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2000);
			assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2000);
			assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(10000);
		});
	}

	@Test
	void theTimeoutsComeFromProperties() {
		this.runner
			.withPropertyValues("accesspath.mongodb.server-selection-timeout=15s", "accesspath.mongodb.read-timeout=3s")
			.run(context -> {
				MongoClientSettings.Builder builder = MongoClientSettings.builder();
				context.getBean(MongoClientSettingsBuilderCustomizer.class).customize(builder);
				MongoClientSettings settings = builder.build();
				assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
					.isEqualTo(15000);
				assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(3000);
			});
	}

	@Test
	void aServiceMayReplaceTheTimeouts() {
		this.runner.withBean("accessPathMongoTimeouts", MongoClientSettingsBuilderCustomizer.class, () -> settings -> {
		}).run(context -> {
			MongoClientSettings.Builder builder = MongoClientSettings.builder();
			context.getBean(MongoClientSettingsBuilderCustomizer.class).customize(builder);
			assertThat(builder.build().getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
				.isEqualTo(30000);
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

	@Configuration(proxyBeanMethods = false)
	static class UnreachableMongo {

		@Bean(destroyMethod = "close")
		MongoClient mongoClient() {
			// Port 9 (discard) on loopback: nothing answers, and the selection gives up
			// after 200 ms.
			return MongoClients.create(MongoClientSettings.builder()
				.applyToClusterSettings(cluster -> cluster.hosts(List.of(new ServerAddress("127.0.0.1", 9)))
					.serverSelectionTimeout(200, TimeUnit.MILLISECONDS))
				.build());
		}

	}

}
