package com.accesspath.gateway.directproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.accesspath.gateway.config.GatewayProperties;
import com.accesspath.gateway.config.GatewayProperties.DirectWrite;
import com.accesspath.gateway.edgecache.EdgeCacheProperties;

/**
 * Which anonymous calls take the {@link DirectProxy}, and to which service: public reads
 * by path ({@code accesspath.gateway.direct.reads}, service → path patterns) and a few
 * rate-limited anonymous writes ({@code accesspath.gateway.direct.writes}), and the
 * site's pages the edge cache keeps ({@code accesspath.gateway.edge-cache.html-paths}).
 * The routes in {@code spring.cloud.gateway} still serve everything else, and these paths
 * too for requests with credentials or from another origin.
 */
@Component
public class DirectRoutes {

	private record Read(PathPattern pattern, String service) {
	}

	private record Write(PathPattern pattern, DirectWrite settings) {
	}

	/** The service of the site's pages ({@code site.SiteRoutes}). */
	static final String SITE = "site";

	private final List<Read> reads = new ArrayList<>();

	private final List<Write> writes = new ArrayList<>();

	DirectRoutes(GatewayProperties properties, EdgeCacheProperties edgeCache) {
		// The site's pages the edge cache keeps are public reads like the API's.
		for (String pattern : edgeCache.htmlPaths()) {
			this.reads.add(new Read(PathPatternParser.defaultInstance.parse(pattern), SITE));
		}
		for (Map.Entry<String, List<String>> service : properties.direct().reads().entrySet()) {
			properties.backend(service.getKey());
			for (String pattern : service.getValue()) {
				this.reads.add(new Read(PathPatternParser.defaultInstance.parse(pattern), service.getKey()));
			}
		}
		for (DirectWrite write : properties.direct().writes()) {
			properties.backend(write.service());
			this.writes.add(new Write(PathPatternParser.defaultInstance.parse(write.path()), write));
		}
	}

	/** The service that answers this public read directly, or null. */
	public String readService(PathContainer path) {
		for (Read read : this.reads) {
			if (read.pattern().matches(path)) {
				return read.service();
			}
		}
		return null;
	}

	/** The direct write for this POST, or null. */
	public DirectWrite write(PathContainer path) {
		for (Write write : this.writes) {
			if (write.pattern().matches(path)) {
				return write.settings();
			}
		}
		return null;
	}

}
