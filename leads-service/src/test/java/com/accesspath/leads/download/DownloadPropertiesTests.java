package com.accesspath.leads.download;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The download settings are checked when the service starts. */
class DownloadPropertiesTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void theDefaultsStartAndBuildLinksFromTheSiteUrl() {
		this.runner
			.withPropertyValues("accesspath.leads.downloads.site-url=https://www.accesspath.cn/",
					"accesspath.leads.downloads.media-url=https://cdn.accesspath.cn/media")
			.run(context -> {
				assertThat(context).hasNotFailed();
				DownloadProperties properties = context.getBean(DownloadProperties.class);
				assertThat(properties.linkValidFor()).isEqualTo(Duration.ofDays(7));
				assertThat(properties.link("abc")).isEqualTo("https://www.accesspath.cn/api/downloads/abc");
				assertThat(properties.file("ai-landing-guide.pdf"))
					.hasToString("https://cdn.accesspath.cn/media/ai-landing-guide.pdf");
			});
	}

	@Test
	void aLinkValidForLessThanAMinuteFailsTheStart() {
		this.runner.withPropertyValues("accesspath.leads.downloads.link-valid-for=10s")
			.run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("linkValidFor"));
	}

	@Test
	void noMailAttemptsAtAllFailTheStart() {
		this.runner.withPropertyValues("accesspath.leads.downloads.mail.max-attempts=0")
			.run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("maxAttempts"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DownloadProperties.class)
	static class PropertiesConfiguration {

	}

}
