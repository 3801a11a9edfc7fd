package com.accesspath.gateway.resilience;

import java.net.URI;

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

/**
 * Where a route's circuit breaker sends a call that failed, timed out or was not even tried (breaker open): 503
 * problem+json with {@code Retry-After}, at once. Reachable only through the gateway's forward, never from outside
 * (no route maps {@code /fallback}, and the path is refused unless forwarded).
 */
@RestController
public class FallbackController {

	@RequestMapping("/fallback/{service}")
	ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
		if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null) {
			ProblemDetail notFound = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such path.");
			notFound.setType(URI.create("https://accesspath.cn/problems/404"));
			return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(notFound);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, unavailableDetail(service));
		problem.setType(URI.create("https://accesspath.cn/problems/503"));
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** What a client is told when a service's breaker refused or its call failed (the direct proxy says the same). */
	public static String unavailableDetail(String service) {
		return service + " is unavailable or too slow right now; try again in " + retryAfterSeconds() + " s.";
	}

	public static String retryAfterSeconds() {
		return Long.toString(ResilienceConfiguration.OPEN_FOR.toSeconds());
	}

}
