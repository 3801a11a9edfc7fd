package com.accesspath.newsletter.bounce;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bounce webhook's bearer token is the providers' shared secret, not a JWT: Spring
 * Security's resource server would refuse it (401) before the controller checks it, so
 * for that one path no token is read. Everywhere else tokens are read as before.
 */
@Configuration(proxyBeanMethods = false)
class BounceWebhookSecurity {

	@Bean
	BearerTokenResolver bearerTokenResolver() {
		DefaultBearerTokenResolver jwts = new DefaultBearerTokenResolver();
		return request -> BounceWebhookController.PATH.equals(request.getRequestURI()) ? null : jwts.resolve(request);
	}

}
