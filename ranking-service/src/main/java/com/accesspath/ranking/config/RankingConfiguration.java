package com.accesspath.ranking.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.accesspath.ranking.RankingKeys;

/**
 * The one clock that dates views and lists (tests may replace it), the Redis key layout,
 * and scheduling for the periodic jobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RankingConfiguration {

	@Bean
	RankingKeys rankingKeys(RankingProperties properties) {
		return new RankingKeys(properties.shards());
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
