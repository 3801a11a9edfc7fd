package com.accesspath.gateway.apidocs;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;

import com.accesspath.gateway.config.GatewayProperties;
import com.accesspath.gateway.config.GatewayProperties.Backend;

import static org.assertj.core.api.Assertions.assertThat;

class PublicApiDocsControllerTests {

	@Test
	void beforeAnyDocumentCouldBeMergedTheAnswerIsA503ProblemAtOnce() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		GatewayProperties gateway = new GatewayProperties(List.of(), List.of(), "X-Forwarded-For",
				Map.of("article-service", new Backend(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(1))),
				Map.of(), null, null, 64);
		PublicApiDocsProperties properties = new PublicApiDocsProperties(List.of("article-service"),
				"http://localhost:8080", "2", Duration.ofMinutes(1), Duration.ofSeconds(1));
		PublicApiDocsController controller = new PublicApiDocsController(properties, gateway,
				JsonMapper.builder().build(), reactor.core.publisher.Flux::empty);

		ResponseEntity<byte[]> answer = controller.publicApi(null).block(Duration.ofSeconds(5));

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
		assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("\"status\":503");
	}

}
