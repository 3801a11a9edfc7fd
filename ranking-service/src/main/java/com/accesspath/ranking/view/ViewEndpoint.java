package com.accesspath.ranking.view;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.AccessPathProperties;
import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.ranking.view.ViewRecorder.ViewResult;
import com.accesspath.ranking.web.LeanEndpoint;

/**
 * {@code POST /api/views} (API.md): body {@code {articleId}}, optional
 * {@code X-Visitor-Id}; 202 {@code {articleId, views, counted}}, 404 for an article
 * article-service does not know. Every article page sends one, so it is a
 * {@link LeanEndpoint}.
 */
@Component
@Order(LeanEndpoint.ORDER)
class ViewEndpoint extends LeanEndpoint {

	private static final Pattern ID = Pattern.compile(ViewController.ID);

	static final int MAX_VISITOR_ID = 128;

	private final ViewRecorder recorder;

	ViewEndpoint(ViewRecorder recorder, JsonMapper json, MeterRegistry meters, AccessPathProperties properties) {
		super("POST", "/api/views", json, meters, properties);
		this.recorder = recorder;
	}

	@Override
	protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!isJson(request.getContentType())) {
			throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json.");
		}
		String articleId = articleId(request);
		String visitorId = request.getHeader("X-Visitor-Id");
		if (visitorId != null && visitorId.length() > MAX_VISITOR_ID) {
			throw new InvalidInputException("X-Visitor-Id", "size must be between 0 and " + MAX_VISITOR_ID);
		}
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		// Without a visitor id, the visitor is the client address plus user agent
		// (API.md).
		String visitor = (visitorId != null && !visitorId.isBlank()) ? "id:" + visitorId
				: "ip:" + request.getRemoteAddr() + "|" + userAgent;
		ViewResult result = this.recorder.record(articleId, visitor, userAgent)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No published article '" + articleId + "'."));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		write(request, response, HttpStatus.ACCEPTED.value(), this.json.writeValueAsBytes(result));
	}

	/** application/json or any +json type, parameters allowed. */
	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		int end = contentType.indexOf(';');
		String type = ((end < 0) ? contentType : contentType.substring(0, end)).strip().toLowerCase(Locale.ROOT);
		return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
	}

	/**
	 * The body is exactly {@code {"articleId": "<id>"}}: read with Jackson's token stream
	 * rather than data binding, which spent more on building a one-field record than the
	 * rest of the parse.
	 */
	private String articleId(HttpServletRequest request) throws IOException {
		String articleId;
		try (JsonParser parser = this.json.createParser(body(request))) {
			if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.PROPERTY_NAME
					|| !"articleId".equals(parser.currentName())) {
				throw new InvalidInputException("articleId", "The body must be JSON like {\"articleId\": \"...\"}.");
			}
			JsonToken value = parser.nextToken();
			if (value == JsonToken.VALUE_NULL) {
				throw new InvalidInputException("articleId", "must not be blank");
			}
			if (value != JsonToken.VALUE_STRING) {
				throw new InvalidInputException("articleId", "must be a string");
			}
			articleId = parser.getString();
			if (parser.nextToken() != JsonToken.END_OBJECT) {
				throw new InvalidInputException("articleId", "The body must have no other field than articleId.");
			}
			if (parser.nextToken() != null) {
				throw new InvalidInputException("articleId", "The body must be one JSON object.");
			}
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("articleId", "The body must be JSON like {\"articleId\": \"...\"}.");
		}
		if (articleId.isBlank()) {
			throw new InvalidInputException("articleId", "must not be blank");
		}
		if (!ID.matcher(articleId).matches()) {
			throw new InvalidInputException("articleId", "is not an article id");
		}
		return articleId;
	}

}
