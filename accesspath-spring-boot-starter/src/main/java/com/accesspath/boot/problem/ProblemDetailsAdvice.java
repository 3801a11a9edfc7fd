package com.accesspath.boot.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.accesspath.boot.json.ControlCharacterException;

/**
 * Every error a service returns is {@code application/problem+json}. Spring MVC's own
 * exceptions (404, 405, 415, 406, type mismatches) come from the base class; this adds
 * field lists to validation errors, a 400 for unreadable bodies, 503 for unreachable
 * databases and a stack-trace-free 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(fieldError(error.getField(), error.getDefaultMessage()));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
		return ResponseEntity.badRequest().body(validationProblem(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			if (result instanceof ParameterErrors parameterErrors) {
				// A @Valid body checked together with constrained parameters: name the
				// body's fields.
				parameterErrors.getFieldErrors()
					.forEach(error -> errors.add(fieldError(error.getField(), error.getDefaultMessage())));
				parameterErrors.getGlobalErrors()
					.forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
				return;
			}
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors().forEach(error -> errors.add(fieldError(name, error.getDefaultMessage())));
		});
		return ResponseEntity.badRequest().body(validationProblem(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getCause() instanceof PayloadTooLargeException tooLarge) {
			return ResponseEntity.status(tooLarge.getStatusCode())
				.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getReason()));
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, readableReason(ex));
		String field = jsonPath(ex);
		if (!field.isEmpty()) {
			String message = (ex.getMostSpecificCause() instanceof ControlCharacterException)
					? ControlCharacterException.MESSAGE : problem.getDetail();
			problem.setProperty("errors", List.of(fieldError(field, message)));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * Every problem has the documented type of its status, and every 503 says when to
	 * come back (API.md: a dependency that is down gives 503 with {@code Retry-After}),
	 * whichever exception produced it.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.value() == HttpStatus.SERVICE_UNAVAILABLE.value()
				&& (headers == null || !headers.containsHeader(HttpHeaders.RETRY_AFTER))) {
			HttpHeaders withRetryAfter = new HttpHeaders();
			if (headers != null) {
				withRetryAfter.putAll(headers);
			}
			withRetryAfter.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
			headers = withRetryAfter;
		}
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
			// Spring's own exceptions (ResponseStatusException, 405, 415, …) carry no
			// type of ours.
			problem.setType(URI.create(Problems.TYPE_PREFIX + statusCode.value()));
		}
		return response;
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail constraintViolation(ConstraintViolationException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getConstraintViolations().forEach(violation -> {
			String path = violation.getPropertyPath().toString();
			errors.add(fieldError(path.substring(path.lastIndexOf('.') + 1), violation.getMessage()));
		});
		return validationProblem(errors);
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidInput(InvalidInputException ex) {
		return validationProblem(List.of(fieldError(ex.field(), ex.getMessage())));
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			UncategorizedDataAccessException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
					"A storage dependency is unavailable; try again shortly."));
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unhandled error", ex);
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.");
	}

	/** A 400 with {@code errors: [{field, message}]}. */
	public static ProblemDetail validationProblem(List<Map<String, String>> errors) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemJson.VALIDATION_DETAIL);
		problem.setTitle(ProblemJson.VALIDATION_TITLE);
		problem.setProperty("errors", errors);
		return problem;
	}

	public static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message == null ? "is invalid" : message);
	}

	/**
	 * The dotted path of the JSON field that could not be read, or "" when the body as a
	 * whole is broken.
	 */
	private static String jsonPath(HttpMessageNotReadableException ex) {
		if (ex.getMostSpecificCause() instanceof JacksonException jackson) {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference reference : jackson.getPath()) {
				if (reference.getPropertyName() != null) {
					path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					path.append('[').append(reference.getIndex()).append(']');
				}
			}
			return path.toString();
		}
		return "";
	}

	private static String readableReason(HttpMessageNotReadableException ex) {
		if (ex.getMostSpecificCause() instanceof ControlCharacterException) {
			return "A text field of the body contains a control character.";
		}
		String message = String.valueOf(ex.getMostSpecificCause().getMessage());
		if (message.contains("Unrecognized property") || message.contains("Unrecognized field")) {
			return "The body has a field this endpoint does not accept.";
		}
		if (message.contains("Cannot deserialize") || message.contains("Cannot coerce")
				|| message.contains("Cannot construct")) {
			return "A field of the body has the wrong type (values are data, never query operators).";
		}
		return "The body is missing or is not valid JSON.";
	}

}
