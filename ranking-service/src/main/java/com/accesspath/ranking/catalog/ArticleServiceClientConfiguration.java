package com.accesspath.ranking.catalog;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Registers {@link ArticleServiceClient} as the HTTP service group
 * {@code article-service}: its base URL and timeouts are
 * {@code spring.http.serviceclient.article-service.*}, its circuit breaker and retry
 * {@code resilience4j.*.instances.article-service.*}, all in application.yml.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = ArticleServiceCalls.SERVICE, types = ArticleServiceClient.class)
class ArticleServiceClientConfiguration {

}
