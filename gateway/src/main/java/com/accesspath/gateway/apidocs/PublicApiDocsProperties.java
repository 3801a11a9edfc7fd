package com.accesspath.gateway.apidocs;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param services the backends whose documents are merged, in this order (a name under
 * {@code accesspath.gateway.backends})
 * @param serverUrl where clients reach the API (the document's only server)
 * @param version the API's version
 * @param refresh how long a merged document is served before the services are asked again
 * @param timeout how long one service's document may take: a service makes its document
 * on the first request after start (springdoc reads every controller), which takes
 * seconds on a cold JVM with two cores
 */
@ConfigurationProperties("accesspath.gateway.api-docs")
@Validated
public record PublicApiDocsProperties(@DefaultValue List<String> services,
		@DefaultValue("http://localhost:8080") String serverUrl, @DefaultValue("2") String version,
		@DefaultValue("1m") Duration refresh, @DefaultValue("10s") Duration timeout) {
}
