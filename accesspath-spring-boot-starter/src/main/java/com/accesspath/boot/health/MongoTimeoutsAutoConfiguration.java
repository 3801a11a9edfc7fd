package com.accesspath.boot.health;

import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import com.accesspath.boot.AccessPathProperties;

/**
 * A MongoDB outage answers 503 quickly instead of hanging requests: the driver's default
 * waits 30 s to select a server. By default two seconds to find a server or connect, ten
 * to read a reply, in every service ({@code accesspath.mongodb.*}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({ MongoClientSettings.class, MongoClientSettingsBuilderCustomizer.class })
@EnableConfigurationProperties(AccessPathProperties.class)
public class MongoTimeoutsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "accessPathMongoTimeouts")
	MongoClientSettingsBuilderCustomizer accessPathMongoTimeouts(AccessPathProperties properties) {
		AccessPathProperties.Mongodb mongodb = properties.mongodb();
		return settings -> settings
			.applyToClusterSettings(cluster -> cluster
				.serverSelectionTimeout(mongodb.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
			.applyToSocketSettings(
					socket -> socket.connectTimeout(mongodb.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
						.readTimeout(mongodb.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

}
