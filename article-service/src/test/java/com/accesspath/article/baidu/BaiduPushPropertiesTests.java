package com.accesspath.article.baidu;

import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BaiduPushPropertiesTests {

	static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	static final Validator validator = factory.getValidator();

	@AfterAll
	static void close() {
		factory.close();
	}

	static BaiduPushProperties properties(boolean enabled, String site, String token, String siteUrl) {
		return new BaiduPushProperties(enabled, "http://data.zz.baidu.com/urls", site, token, siteUrl,
				Duration.ofMinutes(1), 100, 5, Duration.ofMinutes(5), Duration.ofMinutes(2));
	}

	@Test
	void offNeedsNoSiteNorToken() {
		assertThat(validator.validate(properties(false, null, null, "http://localhost:8080"))).isEmpty();
	}

	@Test
	void onNeedsSiteAndToken() {
		assertThat(validator.validate(properties(true, "https://www.accesspath.cn", "", "https://www.accesspath.cn")))
			.extracting(violation -> violation.getPropertyPath().toString())
			.containsExactly("configuredWhenEnabled");
		assertThat(validator.validate(properties(true, "https://www.accesspath.cn", "t", "https://www.accesspath.cn")))
			.isEmpty();
	}

	@Test
	void theSiteUrlIsAnAbsoluteHttpUrl() {
		for (String bad : new String[] { "www.accesspath.cn", "/articles", "https://www.accesspath.cn/?x=1",
				"https://user@www.accesspath.cn", "javascript:alert(1)" }) {
			assertThat(validator.validate(properties(false, null, null, bad))).as(bad).isNotEmpty();
		}
	}

	@Test
	void articleUrlsAreUnderTheSiteUrl() {
		assertThat(properties(false, null, null, "https://www.accesspath.cn/").articleUrl("ai-agent"))
			.isEqualTo("https://www.accesspath.cn/articles/ai-agent");
		assertThat(properties(false, null, null, "https://www.accesspath.cn").articleUrl("ai-agent"))
			.isEqualTo("https://www.accesspath.cn/articles/ai-agent");
	}

}
