package com.accesspath.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.accesspath.boot.security.JwtRoles;
import com.accesspath.boot.security.ReactiveSecurityAutoConfiguration;
import com.accesspath.gateway.config.GatewayProperties;

/**
 * The gateway checks each admin area's role before a request leaves it (the owning
 * service checks again): editors for articles and the newsletter, sales for leads, ADMIN
 * everywhere. Everything else is public.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

	@Bean
	SecurityWebFilterChain gatewaySecurityWebFilterChain(ServerHttpSecurity http, GatewayProperties properties) {
		http.cors(cors -> cors.configurationSource(corsOf(properties)));
		return ReactiveSecurityAutoConfiguration.statelessJwt(http, exchanges -> exchanges
			.pathMatchers("/api/admin/articles", "/api/admin/articles/**", "/api/admin/newsletter/**",
					"/api/admin/site/pages", "/api/admin/site/pages/**", "/api/admin/media", "/api/admin/media/**")
			.hasAnyRole("EDITOR", JwtRoles.ADMIN)
			.pathMatchers("/api/admin/leads", "/api/admin/leads/**")
			.hasAnyRole("SALES", JwtRoles.ADMIN)
			.pathMatchers("/api/admin/**")
			.hasRole(JwtRoles.ADMIN)
			.anyExchange()
			.permitAll());
	}

	/**
	 * Browsers on the configured web origins may call the API, with a token, and read the
	 * request id.
	 */
	static UrlBasedCorsConfigurationSource corsOf(GatewayProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.corsAllowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key",
				"X-Visitor-Id", "X-Request-Id"));
		cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "X-Request-Id"));
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		return source;
	}

}
