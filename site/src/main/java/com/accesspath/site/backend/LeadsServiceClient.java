package com.accesspath.site.backend;

import tools.jackson.databind.JsonNode;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * What the site reads of leads-service: the diagnosis counter. Called only through
 * {@link ServiceCalls}.
 */
@HttpExchange
public interface LeadsServiceClient {

	/** {@code GET /api/diagnosis/stats}: {@code {completed, ...}}. */
	@GetExchange("/api/diagnosis/stats")
	JsonNode diagnosisStats();

}
