package com.accesspath.gateway.health;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The only actuator paths on the public port (API.md, "Client address"): liveness and
 * readiness, status only. Every other endpoint, metrics and health details included, is
 * served on the management port ({@code management.server.port}), which the gateway's
 * route table never reaches and Kubernetes exposes only to Prometheus.
 */
@Configuration(proxyBeanMethods = false)
class PublicProbes {

	@Bean
	RouterFunction<ServerResponse> publicProbeRoutes(ReactiveHealthEndpointWebExtension health) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String group : new String[] { "liveness", "readiness" }) {
			routes.GET("/actuator/health/" + group,
					request -> health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, group)
						.flatMap(answer -> {
							String status = (answer.getBody() != null) ? answer.getBody().getStatus().getCode()
									: "UNKNOWN";
							return ServerResponse.status(answer.getStatus())
								.contentType(MediaType.APPLICATION_JSON)
								.cacheControl(CacheControl.noStore())
								.bodyValue(Map.of("status", status));
						}));
		}
		return routes.build();
	}

}
