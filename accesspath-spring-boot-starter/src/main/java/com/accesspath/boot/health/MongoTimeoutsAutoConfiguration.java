package com.accesspath.boot.health;

import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A MongoDB outage answers 503 quickly instead of hanging requests: the driver's default
 * waits 30 s to select a server. Two seconds to find a server or connect, ten to read a
 * reply, in every service.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({ MongoClientSettings.class, MongoClientSettingsBuilderCustomizer.class })
public class MongoTimeoutsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "accessPathMongoTimeouts")
	MongoClientSettingsBuilderCustomizer accessPathMongoTimeouts() {
		return settings -> settings
			.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
			.applyToSocketSettings(
					socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS));
	}

}
