package com.accesspath.gateway.edgecache;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's edge cache of anonymous public reads ({@link EdgeCacheWebFilter}).
 *
 * @param enabled whether hits are answered at the edge at all
 * @param ttl the longest an answer is kept (shorter when the service's {@code max-age} is)
 * @param maxEntries how many answers at most (least recently used go first)
 * @param maxBytes how many body bytes at most, over all answers
 * @param maxEntryBytes larger bodies are not kept
 * @param paths path patterns of the candidates; {@code /api/admin/**} is never one, whatever this says
 */
@ConfigurationProperties("accesspath.gateway.edge-cache")
public record EdgeCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration ttl,
		@DefaultValue("2000") int maxEntries, @DefaultValue("32MB") DataSize maxBytes,
		@DefaultValue("512KB") DataSize maxEntryBytes,
		@DefaultValue({ "/api/articles", "/api/articles/{idOrSlug}", "/api/pages/article/{idOrSlug}", "/api/pages/home",
				"/api/rankings/hot" }) List<String> paths) {
}
