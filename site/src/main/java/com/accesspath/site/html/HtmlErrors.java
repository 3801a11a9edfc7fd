package com.accesspath.site.html;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.Problems;
import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.backend.BadRequestException;
import com.accesspath.site.backend.NotFoundException;

/**
 * The site's own error pages for its HTML: 404 (unknown article, category, tag, page or
 * path), 400 (a malformed cursor or search), 503 with {@code Retry-After}
 * (article-service down), 405 with {@code Allow} (a POST to a page). Errors of the JSON
 * APIs stay problem+json.
 */
@ControllerAdvice(basePackageClasses = HtmlErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HtmlErrors {

	/** An error page's own model. */
	public record ErrorView(int status, String title, String message) {
	}

	private final Frames frames;

	private final Html html;

	HtmlErrors(Frames frames, Html html) {
		this.frames = frames;
		this.html = html;
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<byte[]> notFound() {
		return notFoundPage();
	}

	/** The site's 404 page. */
	public ResponseEntity<byte[]> notFoundPage() {
		return page(HttpStatus.NOT_FOUND, "not-found", "页面不存在", "您要找的页面不存在或已下线。");
	}

	/** The site's 405 page: what the path allows in {@code Allow}. */
	ResponseEntity<byte[]> methodNotAllowedPage(String allow) {
		ResponseEntity<byte[]> page = page(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "不支持的请求",
				"这个页面只能浏览,不能提交。");
		return ResponseEntity.status(page.getStatusCode())
			.headers(page.getHeaders())
			.header(HttpHeaders.ALLOW, allow)
			.body(page.getBody());
	}

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<byte[]> badRequest() {
		return page(HttpStatus.BAD_REQUEST, "bad-request", "请求有误", "链接中的参数无法识别,请返回重试。");
	}

	@ExceptionHandler(BackendUnavailableException.class)
	ResponseEntity<byte[]> unavailable() {
		ResponseEntity<byte[]> page = page(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "暂时无法访问", "网站正在恢复中,请稍后刷新。");
		return ResponseEntity.status(page.getStatusCode())
			.headers(page.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
			.body(page.getBody());
	}

	private ResponseEntity<byte[]> page(HttpStatus status, String dataPage, String title, String message) {
		Head head = this.frames.head(title, message, "/").noindexed();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("error", new ErrorView(status.value(), title, message));
		params.put("frame", this.frames.frame(head, dataPage, null, null));
		return this.html.page(status, Html.PRIVATE, "pages/error.jte", params);
	}

	/**
	 * A method a path does not take (a POST to a page, a DELETE anywhere): 405 with
	 * {@code Allow} (GET always with HEAD), as the site's page, or as a problem under
	 * {@code /api/}. No handler was chosen yet, so this advice applies to every path.
	 */
	@ControllerAdvice
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class MethodNotAllowed {

		private final HtmlErrors errors;

		MethodNotAllowed(HtmlErrors errors) {
			this.errors = errors;
		}

		@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
		ResponseEntity<?> methodNotAllowed(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
			java.util.Set<String> allowed = new java.util.LinkedHashSet<>();
			java.util.Set<HttpMethod> supported = ex.getSupportedHttpMethods();
			if (supported != null) {
				supported.forEach(method -> {
					allowed.add(method.name());
					if (method == HttpMethod.GET) {
						allowed.add(HttpMethod.HEAD.name());
					}
				});
			}
			String allow = String.join(", ", allowed);
			if (isApi(request.getRequestURI())) {
				ProblemDetail problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED,
						"Method '" + ex.getMethod() + "' is not supported.");
				return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
					.header(HttpHeaders.ALLOW, allow)
					.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
					.body(problem);
			}
			return this.errors.methodNotAllowedPage(allow);
		}

	}

	static boolean isApi(String path) {
		return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
	}

	/**
	 * Every GET no other mapping answers: the site's 404 page; under {@code /api/} a
	 * problem like every API's.
	 */
	@RestController
	static class UnknownPaths {

		@GetMapping("/**")
		ResponseEntity<byte[]> unknown(HttpServletRequest request) {
			String path = request.getRequestURI();
			if (isApi(path)) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such resource.");
			}
			throw new NotFoundException("No page at this path.");
		}

	}

}
