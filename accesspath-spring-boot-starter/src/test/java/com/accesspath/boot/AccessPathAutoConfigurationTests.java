package com.accesspath.boot;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.accesspath.boot.problem.ProblemDetailsAdvice;
import com.accesspath.boot.problem.ProblemErrorController;
import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.boot.web.BodySizeLimitFilter;
import com.accesspath.boot.web.RequestIdFilter;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPathAutoConfigurationTests {

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AccessPathAutoConfiguration.class));

	@Test
	void aServletServiceGetsProblemJsonRequestIdsBodyLimitsAndFallbackLogging() {
		this.servlet.run(context -> {
			assertThat(context).hasSingleBean(ProblemDetailsAdvice.class);
			assertThat(context).hasSingleBean(ProblemErrorController.class);
			assertThat(context).hasSingleBean(Fallbacks.class);
			assertThat(context).hasBean("requestIdFilter").hasBean("bodySizeLimitFilter");
			BodySizeLimitFilter limit = (BodySizeLimitFilter) context
				.getBean("bodySizeLimitFilter", FilterRegistrationBean.class)
				.getFilter();
			AccessPathProperties.Web limits = (AccessPathProperties.Web) org.springframework.test.util.ReflectionTestUtils
				.getField(limit, "limits");
			assertThat(limits.maxBodySize("/api/views")).isEqualTo(64L * 1024);
			assertThat(limits.maxBodySize("/api/admin/articles")).isEqualTo(2L * 1024 * 1024);
			assertThat(limits.maxBodySize("/api/admin/media")).isEqualTo(51L * 1024 * 1024);
		});
	}

	@Test
	void bodyLimitsComeFromProperties() {
		this.servlet
			.withPropertyValues("accesspath.web.max-body-size=1KB", "accesspath.web.max-admin-body-size=3KB",
					"accesspath.web.max-upload-body-size=5KB", "accesspath.web.upload-paths=/api/admin/uploads")
			.run(context -> {
				BodySizeLimitFilter limit = (BodySizeLimitFilter) context
					.getBean("bodySizeLimitFilter", FilterRegistrationBean.class)
					.getFilter();
				AccessPathProperties.Web limits = (AccessPathProperties.Web) org.springframework.test.util.ReflectionTestUtils
					.getField(limit, "limits");
				assertThat(limits.maxBodySize("/api/contact")).isEqualTo(1024L);
				assertThat(limits.maxBodySize("/api/admin/media")).isEqualTo(3072L);
				assertThat(limits.maxBodySize("/api/admin/uploads")).isEqualTo(5120L);
			});
	}

	@Test
	void aTooShortJwtSecretFailsTheStart() {
		this.servlet.withPropertyValues("accesspath.security.jwt-secret=short")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("jwtSecret")
				.hasMessageContaining("at least 32"));
	}

	@Test
	void aServiceMayReplaceEachBean() {
		this.servlet.withUserConfiguration(OwnBeans.class).run(context -> {
			assertThat(context).getBean(ResponseEntityExceptionHandler.class).isSameAs(context.getBean("ownAdvice"));
			assertThat(context).getBean(ErrorController.class).isSameAs(context.getBean("ownErrorController"));
			assertThat(context).getBean(Fallbacks.class).isSameAs(context.getBean("ownFallbacks"));
			assertThat(context.getBean("requestIdFilter", FilterRegistrationBean.class).getOrder()).isEqualTo(42);
			assertThat(context.getBean("bodySizeLimitFilter", FilterRegistrationBean.class).getOrder()).isEqualTo(43);
		});
	}

	@Test
	void withoutAServletWebApplicationOnlyTheFallbackLogIsThere() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AccessPathAutoConfiguration.class))
			.run(context -> {
				assertThat(context).hasSingleBean(Fallbacks.class);
				assertThat(context).doesNotHaveBean(ProblemDetailsAdvice.class);
				assertThat(context).doesNotHaveBean("requestIdFilter");
				assertThat(context).doesNotHaveBean("bodySizeLimitFilter");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		@Bean
		ResponseEntityExceptionHandler ownAdvice() {
			return new ResponseEntityExceptionHandler() {
			};
		}

		@Bean
		ErrorController ownErrorController() {
			return new ErrorController() {
			};
		}

		@Bean
		Fallbacks ownFallbacks() {
			return new Fallbacks();
		}

		@Bean
		FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
			FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
			registration.setOrder(42);
			return registration;
		}

		@Bean
		FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter() {
			FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
					new BodySizeLimitFilter(new AccessPathProperties.Web(DataSize.ofBytes(10), DataSize.ofBytes(20),
							DataSize.ofBytes(30), List.of())));
			registration.setOrder(43);
			return registration;
		}

	}

}
