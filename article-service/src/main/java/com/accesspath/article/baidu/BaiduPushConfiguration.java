package com.accesspath.article.baidu;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The push client (base URL and timeouts from
 * {@code spring.http.serviceclient.baidu-push}, retries from
 * {@code resilience4j.retry.instances.baidu-push}) and the scheduled sender.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ImportHttpServices(group = BaiduPushClient.GROUP, types = BaiduPushClient.class)
class BaiduPushConfiguration {

}
