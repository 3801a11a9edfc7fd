package com.accesspath.gateway.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.boot.problem.ProblemJson;
import com.accesspath.boot.problem.Problems;

/**
 * Every error the gateway itself produces (unknown path, unreachable backend, timeouts)
 * is problem+json, never Boot's default error JSON or an HTML page. Runs before Boot's
 * own handler.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatusCode status = statusOf(ex);
		String detail;
		if (status.value() == 404) {
			detail = "No such path.";
		}
		else if (status.is5xxServerError()) {
			log.warn("Gateway error on {}: {}", exchange.getRequest().getPath(), ex.toString());
			detail = (status.value() == 503 || status.value() == 504)
					? "A backend service is unavailable; try again shortly." : "An unexpected error occurred.";
		}
		else {
			detail = (ex instanceof ErrorResponse response && response.getBody().getDetail() != null)
					? response.getBody().getDetail() : HttpStatus.valueOf(status.value()).getReasonPhrase();
		}
		ProblemDetail problem = Problems.of(HttpStatus.valueOf(status.value()), detail,
				exchange.getRequest().getPath().value());
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (status.value() == 503 || status.value() == 504) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		}
		byte[] body = ProblemJson.bytes(problem);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private static HttpStatusCode statusOf(Throwable ex) {
		if (ex instanceof ErrorResponse response) {
			return response.getStatusCode();
		}
		if (ex instanceof ConnectException || ex.getCause() instanceof ConnectException) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (ex instanceof TimeoutException) {
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
