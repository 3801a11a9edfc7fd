package com.accesspath.leads.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings are checked when the service starts. */
class LeadsPropertiesTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void theDefaultsStart() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			LeadsProperties properties = context.getBean(LeadsProperties.class);
			assertThat(properties.notification().maxAttempts()).isEqualTo(12);
			assertThat(properties.idempotency().lease()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.notificationsEnabled()).isFalse();
		});
	}

	@Test
	void noAttemptsAtAllFailTheStart() {
		this.runner.withPropertyValues("accesspath.leads.notification.max-attempts=0")
			.run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("maxAttempts"));
	}

	@Test
	void aLeaseShorterThanASecondFailsTheStart() {
		this.runner.withPropertyValues("accesspath.leads.idempotency.lease=10ms")
			.run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("lease"));
	}

	@Test
	void aBlankPrivacyTextVersionFailsTheStart() {
		this.runner.withPropertyValues("accesspath.leads.privacy-text-version= ")
			.run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("privacyTextVersion"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LeadsProperties.class)
	static class PropertiesConfiguration {

	}

}
