package com.accesspath.gateway.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web client's pages (module {@code web}). Every page is the same small HTML shell;
 * its script picks what to show from the path, so these paths are the site's map. Assets
 * under {@code /assets/} are plain static files.
 */
@Configuration(proxyBeanMethods = false)
class SitePages {

	/**
	 * Paths readers, prospects, sales and editors use; the newsletter's mails link to
	 * some of them.
	 */
	static final List<String> PATHS = List.of("/", "/category/{key}", "/tags/{tag}", "/search", "/articles/{slug}",
			"/diagnosis", "/diagnosis/report/{id}", "/subscribe", "/subscriptions/confirm",
			"/subscriptions/preferences", "/subscriptions/unsubscribe", "/privacy", "/terms", "/console",
			"/console/leads", "/console/leads/{id}", "/console/articles", "/console/articles/new",
			"/console/articles/{id}");

	/**
	 * Scripts only from here (article bodies are sanitised on write, and this is the
	 * second line); images from anywhere over HTTP(S) because covers are editors' URLs;
	 * the API on the same origin.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; connect-src 'self'; "
			+ "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	@Bean
	RouterFunction<ServerResponse> sitePageRoutes() throws IOException {
		// Read once: every page view answers these same bytes.
		byte[] shell = new ClassPathResource("static/app.html").getContentAsByteArray();
		RequestPredicate anyPage = PATHS.stream()
			.map(RequestPredicates::GET)
			.reduce(RequestPredicate::or)
			.orElseThrow()
			.and(RequestPredicates.accept(MediaType.TEXT_HTML).or(RequestPredicates.accept(MediaType.ALL)));
		return RouterFunctions.route(anyPage,
				request -> ServerResponse.ok()
					.contentType(HTML)
					.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
					.bodyValue(shell));
	}

}
