package com.accesspath.site.backend;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * What the site writes to newsletter-service: the subscription form posted without
 * JavaScript (API.md, "Subscriptions"). Called only through {@link ServiceCalls#submit}.
 */
@HttpExchange
public interface NewsletterServiceClient {

	/**
	 * {@code POST /api/subscriptions} {@code {email, topics?, frequency?, consent}}: 202
	 * whether the address is new or known; {@code headers} carry the client's address and
	 * user agent.
	 */
	@PostExchange("/api/subscriptions")
	JsonNode subscribe(@RequestBody Map<String, Object> body, @RequestHeader Map<String, String> headers);

}
