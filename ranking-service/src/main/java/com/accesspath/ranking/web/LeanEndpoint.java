package com.accesspath.ranking.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.AccessPathProperties;
import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.boot.problem.ProblemJson;
import com.accesspath.boot.problem.Problems;
import com.accesspath.boot.web.RequestIdFilter;
import com.accesspath.boot.web.RequestIds;

/**
 * One public endpoint on the hottest paths of the site ({@code POST /api/views},
 * {@code GET /api/rankings/hot}), answered straight from the servlet filter chain instead
 * of through Spring Security and Spring MVC.
 *
 * <p>
 * Why: measured on this service, the MVC stack in front of a view (security filters each
 * wrapped in an observation, handler mapping, argument resolvers, method validation,
 * message converters) cost about three times the work of the view itself, and the speed
 * goals of issue #4 (a third of nginx for a view, half for the hot list) are out of reach
 * with it. These endpoints are anonymous and take no credentials, so nothing that
 * security does applies to them.
 *
 * <p>
 * What stays the same as for any other endpoint: an {@code X-Request-Id} (also in the log
 * context), the body-size limit (413), an {@code http.server.requests} timer with the
 * usual tags; bad input is a 400 problem+json naming the field; an unreachable dependency
 * is a 503 with {@code Retry-After}; anything else is a logged 500. Its own meters cost
 * less than the observation filter, which was a seventh of a view's CPU.
 */
public abstract class LeanEndpoint extends HttpFilter {

	/**
	 * First, with the request-id filter: before the HTTP observation filter, whose work
	 * it does more cheaply.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private static final Logger log = LoggerFactory.getLogger(LeanEndpoint.class);

	private final String method;

	private final String path;

	protected final JsonMapper json;

	private final long maxBody;

	private final MeterRegistry meters;

	/**
	 * {@code http.server.requests} timers by status, tagged like Spring's own so
	 * dashboards see no difference.
	 */
	private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

	protected LeanEndpoint(String method, String path, JsonMapper json, MeterRegistry meters,
			AccessPathProperties properties) {
		this.method = method;
		this.path = path;
		this.json = json;
		this.meters = meters;
		this.maxBody = properties.web().maxBodySize().toBytes();
	}

	/**
	 * Answers the request, or throws an {@link InvalidInputException} (400 naming the
	 * field), a {@link ResponseStatusException} or a storage failure.
	 */
	protected abstract void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!this.path.equals(request.getRequestURI()) || !answers(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		long started = System.nanoTime();
		String requestId = (String) request.getAttribute(RequestIdFilter.MDC_KEY);
		boolean ownId = requestId == null;
		if (ownId) {
			// The request-id filter may come after this one (same order): do its job.
			requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
			request.setAttribute(RequestIdFilter.MDC_KEY, requestId);
			response.setHeader(RequestIdFilter.HEADER, requestId);
			MDC.put(RequestIdFilter.MDC_KEY, requestId);
		}
		// What Spring Security's default headers would have added.
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-XSS-Protection", "0");
		try {
			if (request.getContentLengthLong() > this.maxBody) {
				throw tooLarge();
			}
			handle(request, response);
		}
		catch (InvalidInputException ex) {
			writeProblem(response, HttpStatus.BAD_REQUEST,
					ProblemJson.validationBytes(ex.field(), ex.getMessage(), this.path));
		}
		catch (ResponseStatusException ex) {
			ex.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
			HttpStatus status = HttpStatus.valueOf(ex.getStatusCode().value());
			writeProblem(response, status, ProblemJson.bytes(status, ex.getReason(), this.path));
		}
		catch (DataAccessResourceFailureException | TransientDataAccessException
				| UncategorizedDataAccessException ex) {
			log.warn("Storage unavailable on {} {}: {}", this.method, this.path, ex.getMessage());
			response.setHeader(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
			writeProblem(response, HttpStatus.SERVICE_UNAVAILABLE, ProblemJson.bytes(HttpStatus.SERVICE_UNAVAILABLE,
					"A storage dependency is unavailable; try again shortly.", this.path));
		}
		catch (RuntimeException ex) {
			log.error("Unhandled error on {} {}", this.method, this.path, ex);
			writeProblem(response, HttpStatus.INTERNAL_SERVER_ERROR,
					ProblemJson.bytes(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.", this.path));
		}
		finally {
			timer(response.getStatus()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			if (ownId) {
				MDC.remove(RequestIdFilter.MDC_KEY);
			}
		}
	}

	/**
	 * Reads a small body whole; one without Content-Length is cut off past the limit
	 * (413).
	 */
	protected byte[] body(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared >= 0) {
			// Already checked against the limit; reading exactly that much saves growing
			// buffers.
			return request.getInputStream().readNBytes((int) declared);
		}
		byte[] body = request.getInputStream().readNBytes((int) this.maxBody + 1);
		if (body.length > this.maxBody) {
			throw tooLarge();
		}
		return body;
	}

	private ResponseStatusException tooLarge() {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + this.maxBody + " bytes.");
	}

	private Timer timer(int status) {
		return this.timers.computeIfAbsent(status,
				code -> Timer.builder("http.server.requests")
					.tags("method", this.method, "uri", this.path, "status", Integer.toString(code), "outcome",
							Outcome.forStatus(code).name(), "error", "none", "exception", "none")
					.register(this.meters));
	}

	/** GET endpoints answer HEAD too, with the same headers and no body. */
	private boolean answers(String requestMethod) {
		return this.method.equals(requestMethod) || ("GET".equals(this.method) && "HEAD".equals(requestMethod));
	}

	/** Writes a JSON body that is already serialised (only its headers for HEAD). */
	protected static void write(HttpServletRequest request, HttpServletResponse response, int status, byte[] body)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

	private static void writeProblem(HttpServletResponse response, HttpStatus status, byte[] problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(problem.length);
		response.getOutputStream().write(problem);
	}

}
