package com.accesspath.site.backend;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * What the site writes to leads-service: the contact and download forms posted without
 * JavaScript (API.md, "Leads"). Called only through {@link ServiceCalls#submit}.
 */
@HttpExchange
public interface LeadsFormsClient {

	/**
	 * {@code POST /api/contact} {@code {name, company, phone?, email?, message, consent,
	 * source?}}: 201 {@code {id}}; {@code headers} carry the client's address and user
	 * agent.
	 */
	@PostExchange("/api/contact")
	JsonNode contact(@RequestBody Map<String, Object> body, @RequestHeader Map<String, String> headers);

	/**
	 * {@code POST /api/downloads} {@code {resource, name, company, email, phone?, title?,
	 * consent}}: 202, the link goes by mail; {@code headers} carry the client's address
	 * and user agent.
	 */
	@PostExchange("/api/downloads")
	JsonNode download(@RequestBody Map<String, Object> body, @RequestHeader Map<String, String> headers);

}
