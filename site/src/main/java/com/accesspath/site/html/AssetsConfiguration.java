package com.accesspath.site.html;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The web jar's static files: {@code /assets/**} with content-hashed URLs (immutable for
 * a year; a plain URL five minutes), and the consoles' client-side app at
 * {@code /console/**}.
 */
@Configuration(proxyBeanMethods = false)
class AssetsConfiguration implements WebMvcConfigurer {

	/** {@code name-<32 hex digits>.ext}: what {@link VersionResourceResolver} serves. */
	private static final Pattern VERSIONED = Pattern.compile(".*-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

	private static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable()
		.getHeaderValue();

	private static final String SHORT = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic().getHeaderValue();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Before the controllers, so the site's catch-all 404 page never hides an asset.
		// No cache period here: the interceptor below sets Cache-Control by URL kind.
		registry.setOrder(-1);
		registry.addResourceHandler("/assets/**")
			.addResourceLocations("classpath:/static/assets/")
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				// A hashed URL only resolves when the hash is the file's: its bytes never
				// change.
				response.setHeader(HttpHeaders.CACHE_CONTROL,
						VERSIONED.matcher(request.getRequestURI()).matches() ? IMMUTABLE : SHORT);
				return true;
			}
		}).addPathPatterns("/assets/**");
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
