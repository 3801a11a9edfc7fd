package com.accesspath.newsletter.wechat;

import me.chanjar.weixin.common.redis.RedisTemplateWxRedisOps;
import me.chanjar.weixin.common.util.http.apache.DefaultApacheHttpClientBuilder;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpRedisConfigImpl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.accesspath.newsletter.NewsletterKeys;

/**
 * WxJava for the official account. The access token lives in Redis (WxJava's Redis config
 * with a lock), so every replica shares one token instead of each fetching its own and
 * invalidating the others'.
 */
@Configuration(proxyBeanMethods = false)
class WeChatConfiguration {

	@Bean
	WxMpRedisConfigImpl wxMpConfig(WeChatProperties properties, StringRedisTemplate redis) {
		WxMpRedisConfigImpl config = new WxMpRedisConfigImpl(new RedisTemplateWxRedisOps(redis),
				NewsletterKeys.wechatTokenPrefix());
		config.setAppId((properties.appId() != null) ? properties.appId() : "unconfigured");
		config.setSecret(properties.appSecret());
		config.setToken(properties.token());
		config.setAesKey(properties.aesKey());
		String api = properties.apiBaseUrl();
		config.setHostConfig(new WxMpHostConfig(api, api, api));
		// WxJava's defaults are 5 s each; a page waiting for its share card should not.
		DefaultApacheHttpClientBuilder http = DefaultApacheHttpClientBuilder.get();
		http.setConnectionTimeout((int) properties.connectTimeout().toMillis());
		http.setConnectionRequestTimeout((int) properties.connectTimeout().toMillis());
		http.setSoTimeout((int) properties.readTimeout().toMillis());
		config.setApacheHttpClientBuilder(http);
		return config;
	}

	@Bean
	WxMpService wxMpService(WxMpRedisConfigImpl config) {
		WxMpServiceImpl service = new WxMpServiceImpl();
		service.setWxMpConfigStorage(config);
		service.setMaxRetryTimes(1);
		return service;
	}

}
