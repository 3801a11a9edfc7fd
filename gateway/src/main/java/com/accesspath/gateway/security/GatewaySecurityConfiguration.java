package com.accesspath.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

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
		ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			return ReactiveSecurityAutoConfiguration.write(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
		};
		ServerAccessDeniedHandler forbidden = (exchange, ex) -> ReactiveSecurityAutoConfiguration.write(exchange,
				HttpStatus.FORBIDDEN, "Your token does not carry a role allowed here.");
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange(exchanges -> exchanges
				.pathMatchers("/api/admin/articles", "/api/admin/articles/**", "/api/admin/newsletter/**")
				.hasAnyRole("EDITOR", JwtRoles.ADMIN)
				.pathMatchers("/api/admin/leads", "/api/admin/leads/**")
				.hasAnyRole("SALES", JwtRoles.ADMIN)
				.pathMatchers("/api/admin/**")
				.hasRole(JwtRoles.ADMIN)
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer(resourceServer -> resourceServer
				.jwt(jwt -> jwt.jwtAuthenticationConverter(
						new ReactiveJwtAuthenticationConverterAdapter(JwtRoles.authenticationConverter())))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.build();
	}

}
