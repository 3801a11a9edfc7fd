package com.accesspath.boot.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveSecurityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveSecurityAutoConfiguration.class))
		.withUserConfiguration(WebFluxSecurity.class);

	@Test
	void aSecretGivesAnHmacDecoderAndTheAdminChain() {
		this.runner.withPropertyValues("accesspath.security.jwt-secret=" + ServletSecurityAutoConfigurationTests.SECRET)
			.run(context -> {
				assertThat(context).hasSingleBean(ReactiveJwtDecoder.class);
				assertThat(context).hasBean("accessPathSecurityWebFilterChain");
			});
	}

	@Test
	void withoutASecretTheDecoderOfAnIssuerIsUsedAndNoHmacDecoderIsMade() {
		this.runner.withBean("issuerDecoder", ReactiveJwtDecoder.class, () -> token -> {
			throw new UnsupportedOperationException();
		}).run(context -> {
			assertThat(context).doesNotHaveBean("hmacReactiveJwtDecoder");
			assertThat(context).hasBean("accessPathSecurityWebFilterChain");
		});
	}

	@Test
	void theGatewayMayReplaceTheDecoderAndChain() {
		this.runner.withPropertyValues("accesspath.security.jwt-secret=" + ServletSecurityAutoConfigurationTests.SECRET)
			.withUserConfiguration(OwnSecurity.class)
			.run(context -> {
				assertThat(context).getBean(ReactiveJwtDecoder.class).isSameAs(context.getBean("ownDecoder"));
				assertThat(context).getBean(SecurityWebFilterChain.class).isSameAs(context.getBean("ownChain"));
			});
	}

	@Test
	void aServletApplicationIsLeftToTheServletConfiguration() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveSecurityAutoConfiguration.class))
			.withPropertyValues("accesspath.security.jwt-secret=" + ServletSecurityAutoConfigurationTests.SECRET)
			.run(context -> assertThat(context).doesNotHaveBean(ReactiveJwtDecoder.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFluxSecurity
	static class WebFluxSecurity {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSecurity {

		@Bean
		ReactiveJwtDecoder ownDecoder() {
			return token -> {
				throw new UnsupportedOperationException();
			};
		}

		@Bean
		SecurityWebFilterChain ownChain(ServerHttpSecurity http) {
			return http.build();
		}

	}

}
