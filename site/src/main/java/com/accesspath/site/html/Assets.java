package com.accesspath.site.html;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The content-hashed URLs of the web jar's assets ({@code /assets/site-<md5>.css}) that
 * pages link to, looked up once per asset; an asset the jar does not have keeps its plain
 * URL.
 */
@Component
public class Assets {

	private final ResourceUrlProvider urls;

	private final Map<String, String> versioned = new ConcurrentHashMap<>();

	Assets(@Qualifier("mvcResourceUrlProvider") ResourceUrlProvider urls) {
		this.urls = urls;
	}

	/** The versioned URL of {@code path} (e.g. {@code /assets/site.css}). */
	public String url(String path) {
		return this.versioned.computeIfAbsent(path, key -> {
			String url = this.urls.getForLookupPath(key);
			return (url != null) ? url : key;
		});
	}

}
