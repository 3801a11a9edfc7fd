package com.accesspath.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	public static void main(String[] args) {
		// Reactor Netty's access log (one line per request, logger
		// reactor.netty.http.server.AccessLog) is read
		// when the server starts, from a system property: GATEWAY_ACCESS_LOG=false turns
		// it off.
		if (System.getProperty("reactor.netty.http.server.accessLogEnabled") == null) {
			System.setProperty("reactor.netty.http.server.accessLogEnabled",
					System.getenv().getOrDefault("GATEWAY_ACCESS_LOG", "true"));
		}
		SpringApplication.run(GatewayApplication.class, args);
	}

}
