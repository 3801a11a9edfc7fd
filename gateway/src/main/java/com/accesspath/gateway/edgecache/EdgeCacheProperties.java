package com.accesspath.gateway.edgecache;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's edge cache of anonymous public reads ({@link EdgeCacheWebFilter}, rules
 * in {@link EdgeCachePolicy}).
 *
 * @param enabled whether hits are answered at the edge at all
 * @param ttl the longest an answer is fresh (shorter when the service's {@code max-age}
 * is)
 * @param staleWhileRevalidate how long after it stopped being fresh an answer is still
 * served while one request fetches its successor
 * @param staleIfError how long after it stopped being fresh an answer is still served
 * when the service fails (5xx, timeout, breaker open)
 * @param maxBytes memory for bodies and keys over all answers (least used go first)
 * @param maxEntryBytes larger bodies are not kept
 * @param coalesceTimeout how long a request waits for the one that is fetching the same
 * answer, before it asks the service itself
 * @param jsonPaths path patterns answered as {@code application/json};
 * {@code /api/admin/**} never is, whatever this says
 * @param htmlPaths path patterns answered as {@code text/html} (the site's pages)
 * @param invalidatingWrites path patterns of writes (any method but GET, HEAD, OPTIONS)
 * after which every replica empties its cache
 * @param invalidationChannel the Redis pub/sub channel that tells the other replicas
 */
@ConfigurationProperties("accesspath.gateway.edge-cache")
@Validated
public record EdgeCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") @NotNull Duration ttl,
		@DefaultValue("30s") @NotNull Duration staleWhileRevalidate,
		@DefaultValue("10m") @NotNull Duration staleIfError, @DefaultValue("32MB") @NotNull DataSize maxBytes,
		@DefaultValue("512KB") @NotNull DataSize maxEntryBytes, @DefaultValue("3s") @NotNull Duration coalesceTimeout,
		@DefaultValue( {
				"/api/articles", "/api/articles/{idOrSlug}", "/api/articles/{idOrSlug}/related", "/api/categories",
				"/api/tags", "/api/pages/article/{idOrSlug}", "/api/pages/home", "/api/rankings/hot",
				"/api/rankings/tags", "/api/site", "/api/site/pages/{slug}" }) List<String> jsonPaths,
		@DefaultValue List<String> htmlPaths,
		@DefaultValue({ "/api/admin/articles", "/api/admin/articles/**", "/api/admin/site", "/api/admin/site/**",
				"/api/admin/media", "/api/admin/media/**" }) List<String> invalidatingWrites,
		@DefaultValue("gateway:edge-cache:invalidate") String invalidationChannel){
}
