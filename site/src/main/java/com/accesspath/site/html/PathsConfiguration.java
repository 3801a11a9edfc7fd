package com.accesspath.site.html;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How the site reads the paths its own pages link to. A tag is one path segment, so a tag
 * holding {@code / % \ ;} is linked as {@code %2F %25 %5C %3B}; Tomcat and Spring
 * Security's firewall refuse those by default (a 400 for a link of our own). Here they
 * reach Spring MVC undecoded, which splits the path on real slashes and decodes each
 * segment once ({@code /tags/a%2Fb} is the tag {@code a/b}). Everything else the firewall
 * checks (traversal, non-printable characters, unknown methods) still holds.
 */
@Configuration(proxyBeanMethods = false)
class PathsConfiguration {

	/**
	 * {@code %2F} and {@code %5C} stay in the path as they are, not decoded nor refused.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSeparatorsPassThrough() {
		return factory -> factory.addConnectorCustomizers(connector -> {
			connector.setEncodedSolidusHandling("passthrough");
			connector.setEncodedReverseSolidusHandling("passthrough");
		});
	}

	/**
	 * The firewall lets encoded separators through (Spring MVC decodes them per segment).
	 */
	@Bean
	WebSecurityCustomizer encodedSeparatorsAllowed() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedSlash(true);
		firewall.setAllowUrlEncodedPercent(true);
		firewall.setAllowSemicolon(true);
		firewall.setAllowBackSlash(true);
		return web -> web.httpFirewall(firewall);
	}

	/**
	 * A path with a percent-encoded unreserved character ({@code /%61bout}) is the same
	 * path as the one with the character itself (RFC 3986, 6.2.2.2): 301 to that one, so
	 * every page has one URL whatever a link or a crawler encoded. {@code %2E} stays: a
	 * decoded dot could make a {@code ..} segment.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> encodedUnreservedMovedPermanently() {
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String uri = request.getRequestURI();
				String normalized = decodeUnreserved(uri);
				if (normalized.equals(uri)
						|| !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
					chain.doFilter(request, response);
					return;
				}
				String query = request.getQueryString();
				response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
				response.setHeader("Location", (query != null) ? normalized + "?" + query : normalized);
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 90);
		registration.setName("encodedUnreservedMovedPermanently");
		return registration;
	}

	/**
	 * {@code path} with every {@code %XX} of a letter, digit, {@code -}, {@code _} or
	 * {@code ~} decoded.
	 */
	static String decodeUnreserved(String path) {
		if (path.indexOf('%') < 0) {
			return path;
		}
		StringBuilder decoded = new StringBuilder(path.length());
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '%' && i + 2 < path.length()) {
				int value = hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2));
				if (value >= 0 && isUnreserved((char) value)) {
					decoded.append((char) value);
					i += 2;
					continue;
				}
			}
			decoded.append(c);
		}
		return decoded.toString();
	}

	private static int hex(char c) {
		int digit = Character.digit(c, 16);
		return (digit < 0) ? -1000 : digit;
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '~';
	}

	/**
	 * A reader's own request for the error path ({@code GET /error}) is a page that does
	 * not exist: the site's 404 page. The container's error dispatches (not this filter's
	 * kind) still reach the error controller.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> directErrorPathIsNotFound(ObjectProvider<HtmlErrors> errors,
			@Value("${server.error.path:/error}") String errorPath) {
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				if (!path.equals(errorPath) && !path.startsWith(errorPath + "/")) {
					chain.doFilter(request, response);
					return;
				}
				ResponseEntity<byte[]> page = errors.getObject().notFoundPage();
				response.setStatus(page.getStatusCode().value());
				page.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
				byte[] body = page.getBody();
				if (body != null) {
					response.setContentLength(body.length);
					if (!"HEAD".equals(request.getMethod())) {
						response.getOutputStream().write(body);
					}
				}
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		registration.setName("directErrorPathIsNotFound");
		return registration;
	}

}
