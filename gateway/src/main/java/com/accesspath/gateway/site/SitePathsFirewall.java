package com.accesspath.gateway.site;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.util.StringUtils;

/**
 * Spring Security's firewall, strict as it comes for the API and the gateway's own paths,
 * and letting through on the site's paths what the site's own links hold: a tag is one
 * path segment, so a tag with {@code / % \ ;} is linked as {@code %2F %25 %5C %3B}
 * ({@code /tags/a%2Fb}), which the default firewall refused with 400. The site decodes
 * each segment once (its own firewall and Tomcat are set for it); the services behind the
 * API routes never see such paths from here.
 */
@Configuration(proxyBeanMethods = false)
class SitePathsFirewall {

	/** Raw path prefixes that are not the site's ({@link SiteRoutes#NOT_THE_SITE}). */
	static final List<String> NOT_THE_SITE_PREFIXES = List.of("/api/", "/actuator/", "/fallback/", "/v3/",
			"/swagger-ui", "/webjars/");

	@Bean
	ServerWebExchangeFirewall encodedSeparatorsOnSitePaths() {
		StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();
		StrictServerWebExchangeFirewall site = new StrictServerWebExchangeFirewall();
		site.setAllowUrlEncodedSlash(true);
		site.setAllowUrlEncodedPercent(true);
		site.setAllowSemicolon(true);
		site.setAllowBackSlash(true);
		return exchange -> isSitePath(exchange.getRequest().getPath().value()) ? site.getFirewalledExchange(exchange)
				: strict.getFirewalledExchange(exchange);
	}

	/** Whether the raw {@code path} is one the site route may take. */
	static boolean isSitePath(String rawPath) {
		// Decided on the decoded path, as the routes match it: /%61pi/... is the API's.
		String path;
		try {
			path = StringUtils.uriDecode(rawPath, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (path.equals("/api") || path.equals("/actuator") || path.equals("/fallback") || path.equals("/v3")) {
			return false;
		}
		return NOT_THE_SITE_PREFIXES.stream().noneMatch(path::startsWith);
	}

}
