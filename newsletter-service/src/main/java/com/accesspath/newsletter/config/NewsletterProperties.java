package com.accesspath.newsletter.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicBaseUrl where readers reach the site (links in emails point there)
 * @param from sender address of every email
 * @param confirmationValidFor how long a confirmation link works
 * @param sendRatePerSecond emails handed to the SMTP server per second at most
 * @param topics what a subscriber may choose: category keys and featured tags
 * @param privacyTextVersion the privacy text consented to
 * @param articleServiceUrl article-service, for digests
 * @param rankingServiceUrl ranking-service, for digests and WeChat replies
 * @param backendTimeout time limit of a call to those services
 */
@ConfigurationProperties("accesspath.newsletter")
public record NewsletterProperties(@DefaultValue("http://localhost:8080") URI publicBaseUrl,
		@DefaultValue("AccessPath AI 资讯 <newsletter@accesspath.local>") String from,
		@DefaultValue("48h") Duration confirmationValidFor, @DefaultValue("10") int sendRatePerSecond,
		@DefaultValue List<String> topics, @DefaultValue("2026-01") String privacyTextVersion,
		@DefaultValue("http://localhost:8081") URI articleServiceUrl, @DefaultValue("http://localhost:8082") URI rankingServiceUrl,
		@DefaultValue("2s") Duration backendTimeout) {

	public String link(String path) {
		String base = this.publicBaseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
