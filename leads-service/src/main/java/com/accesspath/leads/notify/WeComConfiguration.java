package com.accesspath.leads.notify;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/** Registers the WeCom webhook client in group {@code wecom}. */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "wecom", types = WeComWebhook.class)
class WeComConfiguration {

}
