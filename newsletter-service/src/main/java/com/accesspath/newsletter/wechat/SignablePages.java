package com.accesspath.newsletter.wechat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which page URLs the JS-SDK config is signed for: absolute URLs of the site itself
 * ({@code SITE_URL}: same scheme, host and port, under its path), without user info. A
 * signature for any other page would let a foreign site use our official account's share
 * cards.
 */
final class SignablePages {

	static final int MAX_LENGTH = 2048;

	private final String scheme;

	private final String host;

	private final int port;

	private final String pathPrefix;

	SignablePages(String siteUrl) {
		URI site = URI.create(siteUrl);
		this.scheme = site.getScheme().toLowerCase(Locale.ROOT);
		this.host = site.getHost().toLowerCase(Locale.ROOT);
		this.port = effectivePort(site);
		String path = (site.getRawPath() != null) ? site.getRawPath() : "";
		this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * The URL to sign (without its {@code #fragment}, as WeChat requires), or empty when
	 * it is no page of the site.
	 */
	Optional<String> signable(String url) {
		if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		int hash = url.indexOf('#');
		String page = (hash >= 0) ? url.substring(0, hash) : url;
		for (int i = 0; i < page.length(); i++) {
			char c = page.charAt(i);
			if (c <= ' ' || c == 0x7f || c == '\\') {
				return Optional.empty();
			}
		}
		URI uri;
		try {
			uri = new URI(page);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null || uri.getHost() == null
				|| !this.scheme.equalsIgnoreCase(uri.getScheme()) || !this.host.equalsIgnoreCase(uri.getHost())
				|| effectivePort(uri) != this.port || !underPrefix(uri)) {
			return Optional.empty();
		}
		return Optional.of(page);
	}

	private boolean underPrefix(URI uri) {
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		// "/blog/../admin" starts with "/blog" but is not under it (nor "/blog/%2e%2e/").
		if (!path.equals(uri.normalize().getRawPath()) || path.toLowerCase(Locale.ROOT).contains("%2e")) {
			return false;
		}
		return this.pathPrefix.isEmpty() || path.equals(this.pathPrefix) || path.startsWith(this.pathPrefix + "/");
	}

	private static int effectivePort(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
