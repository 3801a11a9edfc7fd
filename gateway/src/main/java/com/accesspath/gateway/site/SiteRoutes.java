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
import com.accesspath.gateway.ratelimit.ClientRateLimitGatewayFilterFactory;

/**
 * Every path that is not the API's is the site's (service {@code site}): its pages, the
 * crawlers' files, the assets and the consoles' shell. Last of all routes, so the API's
 * routes and the gateway's own handlers come first; the site answers unknown paths with
 * its 404 page, which reaches the reader as the site wrote it (route metadata
 * {@code html-errors}), where the API's errors are replaced by problem+json. The forms
 * posted without JavaScript ({@code POST /contact}, {@code POST /subscribe}, and the
 * download forms {@code POST /guide} and {@code /resources/{slug}/download}) go to the
 * site too, counted against the same strict per-client limit as the API's
 * {@code POST /api/contact}, {@code /api/downloads} and {@code /api/subscriptions} (their
 * bodies limited like every anonymous write's by the body size filter).
 */
@Configuration(proxyBeanMethods = false)
class SiteRoutes {

	/**
	 * Paths the site never answers: the API (an unknown {@code /api/...} stays a
	 * problem+json 404 of the gateway), the gateway's own endpoints and documentation
	 * (Swagger UI's WebJar; the site serves the other WebJars, the consoles' charts), and
	 * article-service's files ({@code /media/**}, behind the strict firewall).
	 */
	static final String[] NOT_THE_SITE = { "/api/**", "/actuator/**", "/fallback/**", "/v3/**", "/swagger-ui.html",
			"/swagger-ui/**", "/webjars/swagger-ui/**", "/media/**" };

	/**
	 * The site's paths that take a form post (patterns), and the limit they count
	 * against.
	 */
	static final String[] FORM_POSTS = { "/contact", "/subscribe", "/guide", "/resources/*/download" };

	static final String FORM_POSTS_LIMIT = "strict";

	@Bean
	RouteLocator sitePageRoutes(RouteLocatorBuilder routes, GatewayProperties properties,
			ClientRateLimitGatewayFilterFactory rateLimits) {
		URI site = properties.backend("site").url();
		ClientRateLimitGatewayFilterFactory.Config strict = new ClientRateLimitGatewayFilterFactory.Config();
		strict.setLimit(FORM_POSTS_LIMIT);
		return routes.routes()
			.route("site-form-posts", route -> route.order(Ordered.LOWEST_PRECEDENCE - 1)
				.method(HttpMethod.POST)
				.and()
				.path(FORM_POSTS)
				.filters(filters -> filters.filter(rateLimits.apply(strict))
					.circuitBreaker(breaker -> breaker.setName("site").setFallbackUri("forward:/fallback/site")))
				.metadata(ServiceErrorPageReplacement.HTML_ERRORS, true)
				.uri(site))
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
