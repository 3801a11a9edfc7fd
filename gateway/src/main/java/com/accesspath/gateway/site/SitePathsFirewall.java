package com.accesspath.gateway.site;

import java.util.Arrays;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

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

	/** {@link SiteRoutes#NOT_THE_SITE}, parsed once. */
	private static final List<PathPattern> NOT_THE_SITE = Arrays.stream(SiteRoutes.NOT_THE_SITE)
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

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
		// Matched like the routes match it, on the decoded segments: /%61pi/... is the
		// API's.
		try {
			PathContainer path = PathContainer.parsePath(rawPath);
			return NOT_THE_SITE.stream().noneMatch(pattern -> pattern.matches(path));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
