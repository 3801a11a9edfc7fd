package com.accesspath.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.accesspath.boot.problem.ProblemDetailsAdvice;
import com.accesspath.boot.problem.ProblemErrorController;
import com.accesspath.boot.resilience.Fallbacks;
import com.accesspath.boot.web.BodySizeLimitFilter;
import com.accesspath.boot.web.RequestIdFilter;

/** Problem+json errors, request ids and body limits for every servlet service. */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@EnableConfigurationProperties(AccessPathProperties.class)
public class AccessPathAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Fallbacks fallbacks() {
		return new Fallbacks();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(ResponseEntityExceptionHandler.class)
	static class ServletWebConfiguration {

		@Bean
		@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
		ProblemDetailsAdvice problemDetailsAdvice() {
			return new ProblemDetailsAdvice();
		}

		@Bean
		@ConditionalOnMissingBean(ErrorController.class)
		ProblemErrorController problemErrorController() {
			return new ProblemErrorController();
		}

		@Bean
		@ConditionalOnMissingBean(name = "requestIdFilter")
		FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
			FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "bodySizeLimitFilter")
		FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(AccessPathProperties properties) {
			FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
					new BodySizeLimitFilter(properties.web()));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

}
