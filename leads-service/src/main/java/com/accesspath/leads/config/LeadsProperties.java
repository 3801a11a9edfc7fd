package com.accesspath.leads.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param privacyTextVersion the version of the privacy text visitors consent to (stored with every consent)
 * @param duplicateWindow a person submitting again within this window is linked to their open lead
 * @param wecomWebhookUrl WeCom group robot webhook for new leads; notifications are off when unset
 * @param webhookTimeout time limit of one webhook call
 * @param percentileMinimum fewer earlier diagnoses in an industry than this give no percentile
 */
@ConfigurationProperties("accesspath.leads")
public record LeadsProperties(@DefaultValue("2026-01") String privacyTextVersion,
		@DefaultValue("90d") Duration duplicateWindow, URI wecomWebhookUrl, @DefaultValue("3s") Duration webhookTimeout,
		@DefaultValue("5") int percentileMinimum) {

	public boolean notificationsEnabled() {
		return this.wecomWebhookUrl != null && !this.wecomWebhookUrl.toString().isBlank();
	}

}
