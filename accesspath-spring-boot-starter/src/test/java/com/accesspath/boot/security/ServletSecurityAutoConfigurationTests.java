package com.accesspath.boot.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class ServletSecurityAutoConfigurationTests {

	static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServletSecurityAutoConfiguration.class))
		.withUserConfiguration(WebSecurity.class);

	@Test
	void aSecretGivesAnHmacDecoderTheRolesConverterAndTheAdminChain() {
		this.runner.withPropertyValues("accesspath.security.jwt-secret=" + SECRET).run(context -> {
			assertThat(context).hasSingleBean(JwtDecoder.class);
			assertThat(context).hasSingleBean(JwtAuthenticationConverter.class);
			assertThat(context).hasBean("accessPathSecurityFilterChain");
		});
	}

	@Test
	void withoutASecretTheDecoderOfAnIssuerIsUsedAndNoHmacDecoderIsMade() {
		// Boot's resource-server auto-configuration makes this decoder from an issuer or
		// JWK set URI.
		this.runner.withBean("issuerDecoder", JwtDecoder.class, () -> token -> {
			throw new UnsupportedOperationException();
		}).run(context -> {
			assertThat(context).doesNotHaveBean("hmacJwtDecoder");
			assertThat(context).hasBean("accessPathSecurityFilterChain");
		});
	}

	@Test
	void aServiceMayReplaceTheDecoderConverterAndChain() {
		this.runner.withPropertyValues("accesspath.security.jwt-secret=" + SECRET)
			.withUserConfiguration(OwnSecurity.class)
			.run(context -> {
				assertThat(context).getBean(JwtDecoder.class).isSameAs(context.getBean("ownDecoder"));
				assertThat(context).getBean(JwtAuthenticationConverter.class).isSameAs(context.getBean("ownConverter"));
				assertThat(context).getBean(SecurityFilterChain.class).isSameAs(context.getBean("ownChain"));
				assertThat(context).doesNotHaveBean("accessPathSecurityFilterChain");
			});
	}

	@Test
	void aReactiveApplicationIsLeftToTheReactiveConfiguration() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServletSecurityAutoConfiguration.class))
			.withPropertyValues("accesspath.security.jwt-secret=" + SECRET)
			.run(context -> assertThat(context).doesNotHaveBean(JwtDecoder.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class WebSecurity {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSecurity {

		@Bean
		JwtDecoder ownDecoder() {
			return token -> {
				throw new UnsupportedOperationException();
			};
		}

		@Bean
		JwtAuthenticationConverter ownConverter() {
			return new JwtAuthenticationConverter();
		}

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
			return http.build();
		}

	}

}
