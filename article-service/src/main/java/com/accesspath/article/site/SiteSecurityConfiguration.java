package com.accesspath.article.site;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

import com.accesspath.boot.security.JwtRoles;

/**
 * The site's settings are ADMIN's (API.md); its pages, like the rest of
 * {@code /api/admin/**} here, EDITOR's too. Spring Security applies this rule to the
 * starter's filter chain before the chain's own rules, so an editor's PUT is a 403
 * (problem+json, from the starter) before its body is even read.
 */
@Configuration(proxyBeanMethods = false)
class SiteSecurityConfiguration {

	@Bean
	Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> siteSettingsAreAdmins() {
		return requests -> requests.requestMatchers("/api/admin/site").hasRole(JwtRoles.ADMIN);
	}

}
