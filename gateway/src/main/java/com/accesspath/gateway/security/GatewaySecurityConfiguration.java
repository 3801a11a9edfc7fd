package com.accesspath.gateway.security;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
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

	/** Public paths whose bearer token is a provider's shared secret. */
	static final List<String> WEBHOOKS = List.of("/api/subscriptions/bounces");

	@Bean
	SecurityWebFilterChain gatewaySecurityWebFilterChain(ServerHttpSecurity http, GatewayProperties properties) {
		http.cors(cors -> cors.configurationSource(corsOf(properties)));
		http.oauth2ResourceServer(resourceServer -> resourceServer.bearerTokenConverter(bearerTokensOutsideWebhooks()));
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
	 * Mail providers call newsletter-service's bounce webhook with a shared secret as
	 * their bearer token, not a JWT: on that public path the gateway reads no token
	 * (newsletter-service checks the secret), so it does not answer 401 first.
	 */
	static ServerAuthenticationConverter bearerTokensOutsideWebhooks() {
		ServerBearerTokenAuthenticationConverter tokens = new ServerBearerTokenAuthenticationConverter();
		return exchange -> WEBHOOKS.contains(exchange.getRequest().getPath().value()) ? Mono.empty()
				: tokens.convert(exchange);
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
