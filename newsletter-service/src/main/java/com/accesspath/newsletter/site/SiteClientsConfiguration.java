package com.accesspath.newsletter.site;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The HTTP service clients of the other services. Base URLs and timeouts come from
 * {@code spring.http.serviceclient.<group>.*}, breakers and retries from
 * {@code resilience4j.*.instances.<group>}.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = SiteContent.ARTICLE_SERVICE, types = ArticleServiceClient.class)
@ImportHttpServices(group = SiteContent.RANKING_SERVICE, types = RankingServiceClient.class)
class SiteClientsConfiguration {

}
