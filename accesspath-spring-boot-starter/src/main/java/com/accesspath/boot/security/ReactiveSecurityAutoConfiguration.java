package com.accesspath.boot.security;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.boot.AccessPathProperties;
import com.accesspath.boot.problem.ProblemJson;

/**
 * The same rules as {@link ServletSecurityAutoConfiguration}, for the WebFlux gateway.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ SecurityWebFilterChain.class, ReactiveJwtDecoder.class })
@EnableConfigurationProperties(AccessPathProperties.class)
public class ReactiveSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ReactiveJwtDecoder.class)
	@ConditionalOnProperty("accesspath.security.jwt-secret")
	ReactiveJwtDecoder hmacReactiveJwtDecoder(AccessPathProperties properties) {
		return NimbusReactiveJwtDecoder.withSecretKey(JwtRoles.hmacKey(properties.security().jwtSecret()))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain accessPathSecurityWebFilterChain(ServerHttpSecurity http, AccessPathProperties properties) {
		return statelessJwt(http,
				exchanges -> exchanges.pathMatchers("/api/admin/**")
					.hasAnyRole(JwtRoles.adminRoles(properties))
					.anyExchange()
					.permitAll());
	}

	/**
	 * The platform's reactive baseline: stateless, no sessions or forms, JWT bearer
	 * tokens with the {@code roles} claim, 401/403 as problem+json. {@code authorize}
	 * says who may reach what.
	 */
	public static SecurityWebFilterChain statelessJwt(ServerHttpSecurity http,
			Customizer<ServerHttpSecurity.AuthorizeExchangeSpec> authorize) {
		ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			return write(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
		};
		ServerAccessDeniedHandler forbidden = (exchange, ex) -> write(exchange, HttpStatus.FORBIDDEN,
				"Your token does not carry a role allowed here.");
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange(authorize)
			.oauth2ResourceServer(resourceServer -> resourceServer
				.jwt(jwt -> jwt.jwtAuthenticationConverter(
						new ReactiveJwtAuthenticationConverterAdapter(JwtRoles.authenticationConverter())))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.build();
	}

	/** Writes a problem+json response from a reactive security handler or filter. */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer buffer = response.bufferFactory()
			.wrap(ProblemJson.bytes(status, detail, exchange.getRequest().getPath().value()));
		return response.writeWith(Mono.just(buffer));
	}

}
