package com.accesspath.newsletter.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import com.accesspath.newsletter.wechat.WeChatProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property records refuse values that cannot work, at start rather than at the first
 * email.
 */
class NewsletterPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ NewsletterProperties.class, WeChatProperties.class })
	static class Properties {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void theDefaultsAreValid() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(NewsletterProperties.class).sendRatePerSecond()).isEqualTo(10);
		});
	}

	@Test
	void aSendRateOfZeroFailsTheStart() {
		this.runner.withPropertyValues("accesspath.newsletter.send-rate-per-second=0")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("sendRatePerSecond"));
	}

	@Test
	void aBlankSenderFailsTheStart() {
		this.runner.withPropertyValues("accesspath.newsletter.from= ")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("from"));
	}

	@Test
	void aQrCodeValidLongerThanWeChatAllowsFailsTheStart() {
		this.runner.withPropertyValues("accesspath.wechat.qr-code-valid-for=31d")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("qrCodeValidFor"));
	}

}
