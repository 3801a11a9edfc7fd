package com.accesspath.ranking.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings are checked when the application starts: a wrong value stops it, naming
 * the property.
 */
class RankingPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RankingProperties.class)
	static class WithProperties {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(WithProperties.class);

	@Test
	void theDefaultsAreValid() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			RankingProperties properties = context.getBean(RankingProperties.class);
			assertThat(properties.snapshotInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.taxonomyRefresh()).isEqualTo(Duration.ofMinutes(5));
		});
	}

	@Test
	void aSnapshotIntervalBelowASecondFailsTheStart() {
		this.runner.withPropertyValues("accesspath.ranking.snapshot-interval=0s").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("snapshotInterval");
		});
	}

	@Test
	void aHotListSizeOfZeroFailsTheStart() {
		this.runner.withPropertyValues("accesspath.ranking.hot-list-size=0")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("hotListSize"));
	}

}
