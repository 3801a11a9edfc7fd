package com.accesspath.site.backend;

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
class ServiceClientsConfiguration {

}
