package com.accesspath.ranking.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ranking-service's settings ({@code accesspath.ranking.*}); where article-service is and
 * how it is called are {@code spring.http.serviceclient.article-service.*} and
 * {@code resilience4j.*.instances.article-service.*}.
 *
 * @param repeatWindow a visitor's views of one article count once within this window
 * @param botUserAgents User-Agent fragments (plain text, case-insensitive) whose views
 * never count
 * @param hotListRefresh how often one replica (the lease holder) expires the hours that
 * left the windows and publishes the top of every list
 * @param hotListCache how long a replica keeps a published list it read (0: read on every
 * request)
 * @param hotListSize the largest {@code limit} a client may ask; lists are published with
 * twice as many items, so that unpublished articles can be left out
 * @param shards how many parts the data is split into by article id (each with its own
 * hash tag, so that a Redis Cluster spreads them over its masters); fixed once data is
 * written
 * @param snapshotInterval how often all-time totals are copied to MongoDB (the worst-case
 * loss window)
 * @param catalogSize how many articles' metadata the local catalog keeps
 * @param catalogTimeToLive how long an article's metadata is used before it is read again
 * (kept longer while article-service is down)
 * @param taxonomyRefresh how often the taxonomy is read again from article-service
 */
@ConfigurationProperties("accesspath.ranking")
@Validated
public record RankingProperties(@DefaultValue("30m") @NotNull @DurationMin(seconds = 1) Duration repeatWindow,
		@DefaultValue( {
				"bot", "spider", "crawler", "slurp", "bingpreview", "python-requests", "wget",
				"scrapy" }) @NotNull List<String> botUserAgents,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration hotListRefresh,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 0) Duration hotListCache,
		@DefaultValue("50") @Positive int hotListSize, @DefaultValue("16") @Min(1) @Max(1024) int shards,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration snapshotInterval,
		@DefaultValue("50000") @Positive long catalogSize,
		@DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration catalogTimeToLive,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration taxonomyRefresh){

}
