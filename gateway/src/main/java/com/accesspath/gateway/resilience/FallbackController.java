package com.accesspath.gateway.resilience;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.boot.problem.Problems;

/**
 * Where a route's circuit breaker sends a call that failed, timed out or was not even
 * tried (breaker open): 503 problem+json with {@code Retry-After}, at once. Reachable
 * only through the gateway's forward, never from outside (no route maps
 * {@code /fallback}, and the path is refused unless forwarded). The breakers and time
 * limits themselves are configured in application.yml
 * ({@code resilience4j.circuitbreaker}, {@code resilience4j.timelimiter}).
 */
@RestController
public class FallbackController {

	private final BackendUnavailable unavailable;

	FallbackController(BackendUnavailable unavailable) {
		this.unavailable = unavailable;
	}

	@RequestMapping("/fallback/{service}")
	ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.NOT_FOUND, "No such path."));
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, this.unavailable.retryAfterSeconds())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, this.unavailable.detail(service), path));
	}

}
