package com.accesspath.newsletter.bounce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Bounce settings that cannot work fail the start, not the first bounce. */
class BouncePropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BounceProperties.class)
	static class Properties {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void theDefaultsTurnEverythingOff() {
		this.runner.run(context -> {
			BounceProperties properties = context.getBean(BounceProperties.class);
			assertThat(properties.verp()).isFalse();
			assertThat(properties.readsMailbox()).isFalse();
			assertThat(properties.webhookEnabled()).isFalse();
			assertThat(properties.softBounceLimit()).isEqualTo(3);
		});
	}

	@Test
	void aConfiguredMailboxIsRead() {
		this.runner
			.withPropertyValues("accesspath.newsletter.bounces.mailbox=pop3s://bounces:secret@mail.example.com",
					"accesspath.newsletter.bounces.return-path=bounces@example.com")
			.run(context -> assertThat(context.getBean(BounceProperties.class).readsMailbox()).isTrue());
	}

	@ParameterizedTest
	@ValueSource(strings = { "return-path=bounces+x@example.com", "return-path=bounces", "return-path=a b@example.com",
			"mailbox=smtp://user:password@mail.example.com", "mailbox=mail.example.com", "webhook-secret=short",
			"soft-bounce-limit=0", "poll-every=0s", "soft-bounce-window=1m" })
	void settingsThatCannotWorkFailTheStart(String setting) {
		this.runner.withPropertyValues("accesspath.newsletter.bounces." + setting)
			.run(context -> assertThat(context).hasFailed());
	}

}
