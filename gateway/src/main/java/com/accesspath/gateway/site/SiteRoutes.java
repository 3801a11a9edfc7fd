package com.accesspath.gateway.site;

import java.net.URI;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;

import com.accesspath.gateway.config.GatewayProperties;
import com.accesspath.gateway.problem.ServiceErrorPageReplacement;

/**
 * Every path that is not the API's is the site's (service {@code site}): its pages, the
 * crawlers' files, the assets and the consoles' shell. Last of all routes, so the API's
 * routes and the gateway's own handlers come first; the site answers unknown paths with
 * its 404 page, which reaches the reader as the site wrote it (route metadata
 * {@code html-errors}), where the API's errors are replaced by problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SiteRoutes {

	/**
	 * Paths the site never answers: the API (an unknown {@code /api/...} stays a
	 * problem+json 404 of the gateway), the gateway's own endpoints and documentation.
	 */
	static final String[] NOT_THE_SITE = { "/api/**", "/actuator/**", "/fallback/**", "/v3/**", "/swagger-ui.html",
			"/swagger-ui/**", "/webjars/**" };

	@Bean
	RouteLocator sitePageRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
		URI site = properties.backend("site").url();
		return routes.routes()
			.route("site-pages", route -> route.order(Ordered.LOWEST_PRECEDENCE)
				.method(HttpMethod.GET, HttpMethod.HEAD)
				.and()
				.not(path -> path.path(NOT_THE_SITE))
				.filters(filters -> filters
					.circuitBreaker(breaker -> breaker.setName("site").setFallbackUri("forward:/fallback/site")))
				.metadata(ServiceErrorPageReplacement.HTML_ERRORS, true)
				.uri(site))
			.build();
	}

}
