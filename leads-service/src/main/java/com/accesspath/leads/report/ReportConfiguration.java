package com.accesspath.leads.report;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/** Registers the article-service client in group {@code article-service}. */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "article-service", types = ArticleServiceClient.class)
class ReportConfiguration {

}
