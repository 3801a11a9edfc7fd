package com.accesspath.boot.health;

import com.mongodb.client.MongoClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link MongoPingHealthIndicator} as the {@code mongo} health component
 * (Boot's own is switched off).
 */
@AutoConfiguration(afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({ MongoClient.class, HealthIndicator.class })
@ConditionalOnBean(MongoClient.class)
public class MongoPingHealthAutoConfiguration {

	/**
	 * Shown as the {@code mongo} health component (Boot drops the {@code HealthIndicator}
	 * suffix).
	 */
	@Bean(name = "mongoHealthIndicator")
	@ConditionalOnMissingBean(name = "mongoHealthIndicator")
	MongoPingHealthIndicator mongoPingHealthIndicator(MongoClient client) {
		return new MongoPingHealthIndicator(client);
	}

}
