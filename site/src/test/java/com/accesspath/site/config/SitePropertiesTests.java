package com.accesspath.site.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SITE_URL and the crawl limits are checked when the service starts. */
class SitePropertiesTests {

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	private static SiteProperties withUrl(String url, int urlsPerFile) {
		return new SiteProperties(URI.create(url),
				new SiteProperties.Cache(Duration.ofSeconds(5), Duration.ofMinutes(1), 10, 10,
						org.springframework.util.unit.DataSize.ofMegabytes(1)),
				new SiteProperties.Crawl(Duration.ofMinutes(5), urlsPerFile, 20), "ai-landing-guide");
	}

	@Test
	void anAbsoluteHttpUrlIsAccepted() {
		assertThat(this.validator.validate(withUrl("https://www.accesspath.cn", 50000))).isEmpty();
		assertThat(withUrl("https://www.accesspath.cn/", 3).absolute("/sitemap.xml"))
			.isEqualTo("https://www.accesspath.cn/sitemap.xml");
	}

	@Test
	void relativeOtherSchemesQueriesAndTooManyUrlsPerFileAreRefused() {
		assertThat(this.validator.validate(withUrl("/relative", 3))).isNotEmpty();
		assertThat(this.validator.validate(withUrl("javascript:alert(1)", 3))).isNotEmpty();
		assertThat(this.validator.validate(withUrl("https://www.accesspath.cn/?a=1", 3))).isNotEmpty();
		assertThat(this.validator.validate(withUrl("https://www.accesspath.cn", 50001))).isNotEmpty();
	}

}
