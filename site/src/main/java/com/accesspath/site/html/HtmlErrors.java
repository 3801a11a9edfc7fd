package com.accesspath.site.html;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.Problems;
import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.backend.BadRequestException;
import com.accesspath.site.backend.NotFoundException;

/**
 * The site's own error pages for its HTML: 404 (unknown article, category, tag, page or
 * path), 400 (a malformed cursor or search), 503 with {@code Retry-After}
 * (article-service down). Errors of the JSON APIs stay problem+json.
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
		return page(HttpStatus.NOT_FOUND, "not-found", "页面不存在", "您要找的页面不存在或已下线。");
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
	 * Every GET no other mapping answers: the site's 404 page; under {@code /api/} a
	 * problem like every API's.
	 */
	@RestController
	static class UnknownPaths {

		@GetMapping("/**")
		ResponseEntity<byte[]> unknown(HttpServletRequest request) {
			String path = request.getRequestURI();
			if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such resource.");
			}
			throw new NotFoundException("No page at this path.");
		}

	}

}
