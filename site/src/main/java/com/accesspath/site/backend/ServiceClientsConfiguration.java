package com.accesspath.site.backend;

import java.net.http.HttpClient;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Registers one HTTP service group per service the site reads: base URLs and timeouts are
 * {@code spring.http.serviceclient.<group>.*}, breakers and retries
 * {@code resilience4j.*.instances.<group>.*}, all in application.yml.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "article-service", types = ArticleServiceClient.class)
@ImportHttpServices(group = "ranking-service", types = RankingServiceClient.class)
@ImportHttpServices(group = "leads-service", types = LeadsServiceClient.class)
@ImportHttpServices(group = "leads-forms", types = LeadsFormsClient.class)
@ImportHttpServices(group = "newsletter-service", types = NewsletterServiceClient.class)
class ServiceClientsConfiguration {

	/**
	 * The JDK's HttpClient, chosen here rather than detected: it keeps connections to
	 * each service open and reuses them (no per-host cap, unlike Apache's default of 5),
	 * so a page miss costs a request, not a TCP handshake. HTTP/1.1 because the services
	 * speak plain HTTP/1.1: the default (HTTP/2) would offer an h2c upgrade on new
	 * connections.
	 */
	@Bean
	ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder() {
		return ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1));
	}

}
