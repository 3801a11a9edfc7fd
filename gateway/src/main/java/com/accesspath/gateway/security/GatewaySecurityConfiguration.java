package com.accesspath.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.accesspath.boot.security.JwtRoles;
import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;

/**
 * The gateway checks each admin area's role before a request leaves it (the owning service checks again): editors
 * for articles and the newsletter, sales for leads, ADMIN everywhere. Everything else is public.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

	@Bean
	SecurityWebFilterChain gatewaySecurityWebFilterChain(ServerHttpSecurity http) {
		return ReactiveSecurityAutoConfiguration.statelessJwt(http, exchanges -> exchanges
			.pathMatchers("/api/admin/articles", "/api/admin/articles/**", "/api/admin/newsletter/**")
			.hasAnyRole("EDITOR", JwtRoles.ADMIN)
			.pathMatchers("/api/admin/leads", "/api/admin/leads/**")
			.hasAnyRole("SALES", JwtRoles.ADMIN)
			.pathMatchers("/api/admin/**")
			.hasRole(JwtRoles.ADMIN)
			.anyExchange()
			.permitAll());
	}

}
