package com.accesspath.gateway.site;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The site's pages take GET and HEAD only (and the form posts of
 * {@link SiteRoutes#FORM_POSTS}): any other write to a site path is answered here, 405
 * with {@code Allow: GET, HEAD} and a short page, and never reaches the site. The API's
 * paths and the gateway's own are left to their routes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class SiteMethodsWebFilter implements WebFilter {

	static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

	static final String PAGE = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			+ "<title>不支持的请求</title></head><body><h1>不支持的请求</h1><p>这个页面只能浏览,不能提交。</p>"
			+ "<p><a href=\"/\">返回首页</a></p></body></html>";

	/** {@link SiteRoutes#FORM_POSTS}, parsed once. */
	private static final List<PathPattern> FORM_POSTS = Arrays.stream(SiteRoutes.FORM_POSTS)
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	private static boolean isFormPost(PathContainer path) {
		return FORM_POSTS.stream().anyMatch(pattern -> pattern.matches(path));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().value();
		if (!WRITES.contains(request.getMethod()) || !SitePathsFirewall.isSitePath(path)
				|| (HttpMethod.POST.equals(request.getMethod())
						&& isFormPost(request.getPath().pathWithinApplication()))) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.ALLOW, "GET, HEAD");
		headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		headers.setCacheControl(CacheControl.noStore());
		DataBuffer body = response.bufferFactory().wrap(PAGE.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
