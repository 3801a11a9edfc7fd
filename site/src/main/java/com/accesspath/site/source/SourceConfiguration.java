package com.accesspath.site.source;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The landing cookie's filter, before the pages' controllers set their headers. */
@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

	@Bean
	FilterRegistrationBean<SourceCookieFilter> sourceCookieFilter(VisitSources sources) {
		FilterRegistrationBean<SourceCookieFilter> registration = new FilterRegistrationBean<>(
				new SourceCookieFilter(sources));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
		registration.setName("sourceCookie");
		return registration;
	}

}
