package com.accesspath.site.html;

import java.time.Duration;
import java.util.regex.Pattern;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The web jar's static files: {@code /assets/**} with content-hashed URLs (immutable for
 * a year; a plain URL five minutes; an asset that is not there, whatever its URL, never
 * stored), the WebJars it depends on at {@code /webjars/<name>/<version>/**} (the version
 * in the path: immutable too), and the consoles' client-side app at {@code /console/**}.
 */
@Configuration(proxyBeanMethods = false)
class AssetsConfiguration implements WebMvcConfigurer {

	/** {@code name-<32 hex digits>.ext}: what {@link VersionResourceResolver} serves. */
	private static final Pattern VERSIONED = Pattern.compile(".*-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

	/** {@code /webjars/echarts/5.3.1/...}: a WebJar's files under its version. */
	private static final Pattern WEBJAR = Pattern.compile("^/webjars/[^/]+/\\d[^/]*/.+");

	private static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable()
		.getHeaderValue();

	private static final String SHORT = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic().getHeaderValue();

	/**
	 * An error (an unknown file or hash): no cache keeps it, so a deploy fixes it at
	 * once.
	 */
	static final String ERROR = CacheControl.noStore().getHeaderValue();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Before the controllers, so the site's catch-all 404 page never hides an asset.
		// No cache period here: the interceptor below sets Cache-Control by URL kind.
		registry.setOrder(-1);
		registry.addResourceHandler("/assets/**")
			.addResourceLocations("classpath:/static/assets/")
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/");
	}

	/**
	 * Sets {@code Cache-Control} by URL kind before the resource handler runs (it sends
	 * 304s and ranges itself), and replaces it with {@code no-store} when the answer
	 * turns out to be an error: a hash the jar does not have answers 404, which must not
	 * be cached for a year.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> assetsCacheControl() {
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				// A hashed URL only resolves when the hash is the file's: its bytes never
				// change.
				String path = request.getRequestURI();
				response.setHeader(HttpHeaders.CACHE_CONTROL,
						(VERSIONED.matcher(path).matches() || WEBJAR.matcher(path).matches()) ? IMMUTABLE : SHORT);
				chain.doFilter(request, new ErrorsNotStored(response));
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/assets/*", "/webjars/*");
		registration.setName("assetsCacheControl");
		return registration;
	}

	/** A response whose error statuses carry {@code Cache-Control: no-store}. */
	static final class ErrorsNotStored extends HttpServletResponseWrapper {

		ErrorsNotStored(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			noStore(status);
			super.sendError(status, message);
		}

		@Override
		public void sendError(int status) throws IOException {
			noStore(status);
			super.sendError(status);
		}

		@Override
		public void setStatus(int status) {
			noStore(status);
			super.setStatus(status);
		}

		private void noStore(int status) {
			if (status >= 400 && !isCommitted()) {
				setHeader(HttpHeaders.CACHE_CONTROL, ERROR);
			}
		}

	}

	/** The consoles stay the client-side app: every console path answers its shell. */
	@RestController
	static class ConsoleShell {

		private final Resource shell = new ClassPathResource("static/app.html");

		@GetMapping({ "/console", "/console/**" })
		ResponseEntity<Resource> shell() {
			return ResponseEntity.ok()
				.contentType(MediaType.TEXT_HTML)
				.cacheControl(CacheControl.noCache())
				.body(this.shell);
		}

	}

}
