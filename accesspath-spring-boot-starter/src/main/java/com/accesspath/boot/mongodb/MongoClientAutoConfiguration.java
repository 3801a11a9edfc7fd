package com.accesspath.boot.mongodb;

import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.web.context.request.RequestContextHolder;

import com.accesspath.boot.AccessPathProperties;

/**
 * How every service talks to MongoDB ({@code accesspath.mongodb.*}): writes acknowledged
 * by a majority and reads from the primary unless configured otherwise, retryable reads
 * and writes, and two kinds of patience. Work outside requests (schedulers, start-up)
 * waits up to 15 s for a primary, which rides out an election; an operation made while
 * answering a request has 2 s in all ({@link RequestDeadlineMongoDatabaseFactory}), so an
 * outage answers 503 quickly instead of holding requests, while a quick step-down is
 * retried within those 2 s and nobody notices.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({ MongoClientSettings.class, MongoClientSettingsBuilderCustomizer.class })
@EnableConfigurationProperties(AccessPathProperties.class)
public class MongoClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "accessPathMongoClientSettings")
	MongoClientSettingsBuilderCustomizer accessPathMongoClientSettings(AccessPathProperties properties) {
		AccessPathProperties.Mongodb mongodb = properties.mongodb();
		return settings -> settings.writeConcern(writeConcern(mongodb.writeConcern()))
			.readPreference(ReadPreference.valueOf(mongodb.readPreference()))
			.retryWrites(true)
			.retryReads(true)
			.applyToClusterSettings(cluster -> cluster
				.serverSelectionTimeout(mongodb.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
			.applyToSocketSettings(
					socket -> socket.connectTimeout(mongodb.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
						.readTimeout(mongodb.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

	static WriteConcern writeConcern(String value) {
		return "majority".equals(value) ? WriteConcern.MAJORITY : new WriteConcern(Integer.parseInt(value));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MongoDatabaseFactory.class, RequestContextHolder.class })
	static class RequestDeadline {

		/**
		 * Wraps whichever {@link MongoDatabaseFactory} the service has (Boot's, or its
		 * own), so every template and repository built on it keeps the request deadline.
		 */
		@Bean
		static BeanPostProcessor accessPathMongoRequestDeadline(ObjectProvider<AccessPathProperties> properties) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof MongoDatabaseFactory factory
							&& !(bean instanceof RequestDeadlineMongoDatabaseFactory)) {
						return new RequestDeadlineMongoDatabaseFactory(factory,
								properties.getObject().mongodb().requestDeadline());
					}
					return bean;
				}
			};
		}

	}

}
